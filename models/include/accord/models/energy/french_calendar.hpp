#pragma once
// French public holidays and school holidays (metropolitan zones A, B, C), as local day
// numbers (days since 1970-01-01). Load generators use them to close schools and offices.
#include <cstdint>
#include <string_view>

namespace accord::models::energy {

// School-holiday zones of metropolitan France (zone A: Besançon, Bordeaux,
// Clermont-Ferrand, Dijon, Grenoble, Limoges, Lyon, Poitiers; zone B: Aix-Marseille,
// Amiens, Caen, Lille, Nancy-Metz, Nantes, Nice, Orléans-Tours, Reims, Rennes, Rouen,
// Strasbourg; zone C: Créteil, Montpellier, Paris, Toulouse, Versailles).
enum class SchoolZone { kA, kB, kC };

// "A", "B" or "C" (case-insensitive); throws std::invalid_argument otherwise.
SchoolZone school_zone_from_name(std::string_view name);

// Days since 1970-01-01 of Easter Sunday (Gregorian computus).
int64_t easter_sunday(int year);

// True on the eleven French public holidays (jours fériés, Code du travail L3133-1).
bool is_public_holiday(int64_t day);

// True when pupils have no class that whole day because of school holidays: the official
// calendar for school years 2022-2023 to 2026-2027, a rule-based approximation outside,
// and the Friday after Ascension ("pont de l'Ascension"). Weekends, Wednesday afternoons
// and public holidays are not included here (the generator handles them).
bool is_school_holiday(int64_t day, SchoolZone zone);

// The rule-based approximation alone (what is_school_holiday uses outside the table);
// exposed so that tests can check it against the published years.
bool is_school_holiday_by_rule(int64_t day, SchoolZone zone);

}  // namespace accord::models::energy
