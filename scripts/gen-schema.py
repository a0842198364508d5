#!/usr/bin/env python3
"""Generates scenarios/schema/accord-scenario.schema.json (the JSON Schema of the scenario
format). Edit this file with the loader, then run:
    /usr/bin/python3 scripts/gen-schema.py > scenarios/schema/accord-scenario.schema.json
"""
import json
num = lambda desc, **kw: {"type": "number", "description": desc, **kw}
integer = lambda desc, **kw: {"type": "integer", "description": desc, **kw}
string = lambda desc, **kw: {"type": "string", "description": desc, **kw}
boolean = lambda desc: {"type": "boolean", "description": desc}
def obj(props, required=(), desc=None):
    o = {"type": "object", "additionalProperties": False, "properties": props}
    if required: o["required"] = list(required)
    if desc: o["description"] = desc
    return o
ref = lambda name: {"$ref": "#/$defs/" + name}
# Ids (participants, groups, producers, colleges, intermediaries): the character set the loader
# checks (sim/include/accord/sim/text.hpp, docs/scenario-reference.md).
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
ident = lambda desc: string(desc + "; letters, digits, _ - . (first a letter or digit)", pattern=ID_PATTERN)
# Physical bounds (models/include/accord/models/physical_bounds.hpp).
MAX_ANNUAL_KWH, MAX_KWP, MAX_SCALE, MAX_EUR_PER_KWH = 10**9, 10**6, 10**6, 10

defs = {}
defs["location"] = obj({"lat": num("latitude, degrees north", minimum=-90, maximum=90),
                        "lon": num("longitude, degrees east", minimum=-180, maximum=180)}, ["lat", "lon"])
defs["csv_source"] = obj({"csv": string("CSV file, relative to the scenario file"),
                          "format": {"enum": ["auto", "enedis", "sge", "plain"], "default": "auto"},
                          "scale": num("multiplies every value", minimum=0, maximum=MAX_SCALE, default=1),
                          "column": string("plain format: value column name (default: the second column)"),
                          "growth_per_year": num("consumption only: run year k scaled by (1 + g)^k", minimum=-0.5, maximum=1, default=0)}, ["csv"])
profiles = ["household", "office", "shop", "bakery", "workshop", "school", "town_hall", "gym"]
load_props = {"profile": {"enum": profiles, "description": "built-in load generator"},
              "annual_kwh": num("energy per year, kWh", minimum=0, maximum=MAX_ANNUAL_KWH),
              "electric_heating": boolean("household: space heating on electricity"),
              "occupancy": {"enum": ["standard", "home_daytime", "away_weekdays"], "default": "standard"},
              "variation": num("relative sd of the day-to-day variation", minimum=0, maximum=1, default=0.15),
              "growth_per_year": num("yearly load growth: run year k scaled by (1 + g)^k", minimum=-0.5, maximum=1, default=0)}
defs["load_profile"] = obj(load_props, ["profile", "annual_kwh"])
defs["consumption"] = {"oneOf": [ref("load_profile"), ref("csv_source")]}
group_load = dict(load_props)
group_load["spread"] = num("relative sd of members' annual energy (lognormal, mean kept)", minimum=0, maximum=2, default=0.3)
group_load["electric_heating_share"] = num("share of members with electric heating", minimum=0, maximum=1, default=0)
defs["group_consumption"] = {"oneOf": [obj(group_load, ["profile", "annual_kwh"]), ref("csv_source")]}
pv_props = {"kwp": num("peak power, kWc", exclusiveMinimum=0, maximum=MAX_KWP),
            "tilt_deg": num("tilt, degrees (0 horizontal)", minimum=0, maximum=90, default=30),
            "azimuth_deg": num("azimuth, degrees clockwise from north (180 south)", minimum=0, maximum=360, default=180),
            "losses": num("system losses, fraction", minimum=0, maximum=0.9, default=0.14),
            "cloudiness": num("mean daily cloud attenuation, 0 clear .. 1 overcast", minimum=0, maximum=0.95, default=0.30),
            "location": ref("location"),
            "degradation_per_year": num("output x (1 - d)^(age + k) in run year k", minimum=0, maximum=0.2, default=0.005),
            "age_years": integer("whole years in service at the run's start", minimum=0, maximum=60, default=0)}
defs["pv"] = obj(pv_props, ["kwp"])
gpv = dict(pv_props); gpv["share"] = num("share of members with this PV", minimum=0, maximum=1, default=1)
defs["group_pv"] = obj(gpv, ["kwp"])
defs["key_participation"] = obj({"coefficient": num("static share of production, fraction", minimum=0, maximum=1),
                                 "priority": integer("priority level, 1 served first", minimum=1, maximum=100, default=1),
                                 "weight": num("relative weight for dynamic_custom rules", minimum=0, default=1)})
defs["retail"] = obj({"option": {"enum": ["base", "hphc"], "default": "base"},
                      "kva": num("subscribed power, kVA", minimum=3, maximum=36, default=6)})
kinds = ["household", "business", "public", "municipality", "social_landlord", "other"]
# Behaviour in governance (models/scenario/behaviour_parser.cpp): key, description, range, default.
behaviour_fields = [
    ("money_weight", "weight of its own normalised money (benefit / reference bill)", 0, 10, 1.0),
    ("alpha", "Fehr-Schmidt aversion to disadvantageous inequity (others get more)", 0, 10, 0.0),
    ("beta", "Fehr-Schmidt aversion to advantageous inequity (it gets more); beta <= alpha", 0, 0.999, 0.0),
    ("community_motive", "weight of the community's self-consumption rate", 0, 10, 0.0),
    ("participation", "propensity to take part in an assembly, at trust 0.5", 0, 1, 0.3),
    ("initial_trust", "trust in the PMO at the start", 0, 1, 0.5),
    ("forecast_noise", "sd of its forecast error on a normalised payoff", 0, 5, 0.1)]
defs["behaviour"] = obj({k: num(d, minimum=lo, maximum=hi, default=dv) for k, d, lo, hi, dv in behaviour_fields},
                        desc="How the participant decides in governance; numbers only (distributions belong to groups)")
pair = lambda first, second, desc: {"type": "array", "description": desc, "prefixItems": [first, second],
                                    "items": False, "minItems": 2}
def distribution(desc, lo, hi, dv):
    bounded = {"type": "number", "minimum": lo, "maximum": hi}
    return {"description": desc + " (drawn values clamped to the range)", "oneOf": [
        {"type": "number", "minimum": lo, "maximum": hi, "default": dv},
        obj({"uniform": pair(bounded, bounded, "[lo, hi], lo <= hi, both within the range")}, ["uniform"]),
        obj({"normal": pair({"type": "number"}, {"type": "number", "minimum": 0}, "[mean, sd], sd >= 0")}, ["normal"])]}
defs["group_behaviour"] = obj({k: distribution(d, lo, hi, dv) for k, d, lo, hi, dv in behaviour_fields},
                              desc="Members' behaviour in governance: a number, or a distribution drawn per member "
                                   "({uniform: [lo, hi]} or {normal: [mean, sd]})")
defs["participant"] = obj({
    "id": ident("unique id"), "kind": {"enum": kinds},
    "location": ref("location"), "consumption": ref("consumption"),
    "pv": ref("pv"), "production": ref("csv_source"),
    "income": obj({"eur_per_year": num("disposable income of the household, EUR/yr", minimum=0),
                   "decile": integer("income decile", minimum=1, maximum=10),
                   "consumption_units": num("OECD-modified consumption units", minimum=1, maximum=10)}),
    "low_income": boolean("eligible for social keys and rules (default: decile <= 3)"),
    "key": ref("key_participation"), "retail": ref("retail"),
    "surplus_eur_per_kwh": num("price of the prosumer's surplus, EUR/kWh", minimum=0, maximum=MAX_EUR_PER_KWH),
    "behaviour": ref("behaviour")},
    ["id", "kind", "consumption"])
defs["group"] = obj({
    "group": ident("group id; members are GROUP-001 ..."),
    "count": integer("number of members", minimum=1, maximum=100000),
    "kind": {"enum": kinds},
    "location": obj({"lat": num("centre latitude", minimum=-90, maximum=90), "lon": num("centre longitude", minimum=-180, maximum=180),
                     "radius_m": num("members spread uniformly in a disc, m", minimum=0, maximum=100000)}),
    "consumption": ref("group_consumption"),
    "income": obj({"deciles": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 10}, "minItems": 1}}),
    "low_income_max_decile": integer("members up to this decile are low-income", minimum=0, maximum=10, default=3),
    "pv": ref("group_pv"), "key": ref("key_participation"), "retail": ref("retail"),
    "behaviour": ref("group_behaviour")},
    ["group", "count", "kind", "consumption"])
defs["producer"] = obj({"id": ident("unique id"), "owner": string("owner (participant id or actor)"),
                        "location": ref("location"), "pv": ref("pv"), "production": ref("csv_source"),
                        "surplus_eur_per_kwh": num("price of unallocated injection, EUR/kWh", minimum=0, maximum=MAX_EUR_PER_KWH),
                        "planned": obj({"cost_eur_per_year": num("yearly cost of building it (annuity and upkeep), "
                                                                 "weighed by its owner", minimum=0, maximum=1e9,
                                                                 default=0)})}, ["id"])
keys = ["dynamic_default", "static", "static_redistributed", "priority", "dynamic_custom", "full_dynamic"]
defs["sharing_key"] = obj({"type": {"enum": keys},
    "floor_0_1_percent": boolean("round coefficients down to 0.1 % steps"),
    "within_level": {"enum": ["pro_rata", "coefficients"], "default": "pro_rata"},
    "rule": string("dynamic_custom: named rule (favour_low_income, weighted)"),
    "rule_share": num("dynamic_custom rule parameter, fraction", minimum=0, maximum=1, default=0.5),
    "coefficients_file": obj({"csv": string("per-step coefficients, % per participant"), "format": string("reserved")}, ["csv"]),
    "pairs": {"type": "object", "description": "full_dynamic: producer id -> consumer id -> fraction",
              "additionalProperties": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}}}},
    ["type"])
rules = ["individual_savings", "equal", "proportional_consumption", "proportional_allocated",
         "proportional_investment", "proportional_bill", "mid_market_rate", "supply_demand_ratio",
         "bill_sharing", "shapley", "nucleolus", "least_core", "nash_bargaining",
         "egalitarian_shapley", "solidarity_value", "needs_based"]
frac = lambda d: num(d, minimum=0, maximum=1)
territorial = obj({"solidarity_fund": frac("share of the community benefit kept for the solidarity fund"),
                   "reinvestment_reserve": frac("share kept for reinvestment"),
                   "municipality": frac("share paid to the municipality")})
defs["benefit_rule"] = obj({
    "type": {"enum": rules, "description": "contract: community.benefit_rule.type"},
    "territorial": territorial,
    "alpha": frac("egalitarian_shapley: weight of Shapley"),
    "sigma": frac("needs_based: solidarity share"),
    "base_rule": {"enum": rules, "description": "needs_based: rule of the (1 - sigma) part"},
    "weights_by": {"enum": ["equal", "consumption", "allocated", "investment", "explicit"]},
    "weights": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
    "exact_max_members": integer("shapley: exact up to this many members", minimum=0, maximum=20),
    "sampling": obj({"target_relative_se": num("sampled Shapley: target SE relative to the share", minimum=1e-6, maximum=1),
                     "max_permutations": integer("sampled Shapley: permutation budget", minimum=1)}),
    "core": obj({"exact_max_members": integer("core diagnostics: exact up to", minimum=0, maximum=20),
                 "samples": integer("core diagnostics: sampled coalitions beyond", minimum=0)})},
    ["type"])
defs["pmo"] = obj({
    "fixed_eur_per_year": num("insurance, bank, DSO convention, EUR/yr", minimum=0, maximum=1e7, default=0),
    "software_eur_per_year": num("key calculation and billing platform, EUR/yr", minimum=0, maximum=1e7, default=0),
    "staff_hours_per_year": num("coordination time, h/yr", minimum=0, maximum=8784, default=0),
    "staff_eur_per_hour": num("cost of that time, EUR/h", minimum=0, maximum=1000, default=0),
    "fee_eur_per_member_year": num("membership fee, EUR per member per year", minimum=0, maximum=1e5, default=0)},
    desc="PMO running costs and fees, prorated per billing period by its length (fees also by membership)")
fund_common = {"initial_eur": num("balance before the first period, EUR", minimum=0, maximum=1e9, default=0),
               "interest_rate_per_year": num("yearly rate, compounded per period", minimum=-0.5, maximum=1, default=0)}
defs["funds"] = obj({
    "solidarity_fund": obj(dict(fund_common, payout=obj({
        "policy": {"enum": ["none", "bill_share", "per_member"], "description": "what the fund pays to low-income members' bills"},
        "bill_share": num("bill_share: fraction of each eligible member's bill", minimum=0, maximum=1, default=0.1),
        "eur_per_member_year": num("per_member: aid per eligible member, EUR/yr", minimum=0, maximum=1e5)}, ["policy"]))),
    "reinvestment_reserve": obj(dict(fund_common, spending={"type": "array", "items": obj({
        "date": string("YYYY-MM-DD (local midnight) or ISO 8601 date-time; outside the run: never requested"),
        "eur": num("amount requested, EUR", minimum=0, maximum=1e9),
        "purpose": {"enum": ["inverter_replacement", "new_capacity", "other"], "default": "other"}}, ["date", "eur"])}))},
    desc="Funds fed by the territorial shares of the rule in force (/sharing/funds)")
# Actors (models/scenario/actors_parser.cpp): the PMO and its statutes, the municipality, the
# territorial intermediaries. A list-valued key also takes a single value.
def one_or_list(item, desc):
    return {"description": desc, "oneOf": [item, {"type": "array", "items": item}]}
agenda_items = ["sharing_key", "benefit_rule", "internal_price", "territorial_shares", "pmo_fee", "expansion"]
pmo_forms = ["association", "scic", "sas", "sem", "municipality", "epci", "social_landlord", "cooperative"]
college = obj({
    "name": ident("college name (unique; bargaining parties name colleges)"),
    "weight": frac("fraction of the votes; the colleges' weights sum to 1"),
    "kinds": one_or_list({"enum": kinds}, "participant kinds in the college"),
    "groups": one_or_list({"type": "string"}, "generating group ids in the college"),
    "ids": one_or_list({"type": "string"}, "participant ids in the college"),
    "roles": one_or_list({"enum": ["producer", "municipality", "low_income", "member"]},
                         "producer: owns a producer; municipality: kind municipality or actors.municipality.id; "
                         "low_income; member: everyone")},
    ["name", "weight"],
    desc="A college: a member matching any criterion; a member sits in the first college it matches, "
         "one matching none has no vote")
college["anyOf"] = [{"required": [k]} for k in ["kinds", "groups", "ids", "roles"]]
defs["college"] = college
voting_rules = ["majority", "qualified_majority", "plurality", "borda", "approval", "unanimity"]
defs["statutes"] = obj({
    "colleges": {"type": "array", "items": ref("college"),
                 "description": "weighted colleges (weights sum to 1); none: one member one vote"},
    "voting": obj({"rule": {"enum": voting_rules, "default": "majority", "description": "decision rule of the assembly"},
                   "base": {"enum": ["cast", "registered"], "default": "cast",
                            "description": "shares of the votes cast, or of the registered votes (abstentions count against)"},
                   "qualified_fraction": num("qualified_majority: support needed (>=)", exclusiveMinimum=0.5, maximum=1,
                                             default=2 / 3),
                   "quorum": frac("share of the registered votes that must take part, else status quo") | {"default": 0},
                   "tie": {"enum": ["status_quo"], "default": "status_quo", "description": "a tie keeps the status quo"}}),
    "board": obj({"size": integer("seats", minimum=1, maximum=100),
                  "chosen_by": {"enum": ["colleges", "lot"], "default": "colleges",
                                "description": "seats by college weight (most engaged members), or a seeded lot"},
                  "decides": one_or_list({"enum": agenda_items},
                                         "agenda items the board decides alone (protocol delegated only)")},
                 ["size"])},
    desc="Statutes of the PMO")
defs["actors_pmo"] = obj({
    "form": {"enum": pmo_forms, "default": "association", "description": "legal form of the PMO"},
    "statutes": ref("statutes")},
    desc="The PMO as a legal person: form and statutes (its costs: community.pmo)")
# A SCIC's colleges (law 47-1775 art. 19 octies, as amended 2014): at least three, each 10-50 % of the votes.
defs["actors_pmo"]["if"] = {"properties": {"form": {"const": "scic"}}, "required": ["form"]}
defs["actors_pmo"]["then"] = {"properties": {"statutes": {"properties": {"colleges": {"anyOf": [
    {"maxItems": 0},
    {"minItems": 3, "items": {"properties": {"weight": {"minimum": 0.1, "maximum": 0.5}}}}]}}}}}
objectives = ["territorial_benefit", "low_income_support", "plant_revenue", "visibility"]
defs["objectives"] = obj({k: frac(k + " weight (absent: 0)") for k in objectives},
                         desc="weights of the municipality's objectives, summing to 1")
defs["municipality"] = obj({
    "id": string("its participant id when it is a member (then also a plant owner)"),
    "plant_owners": one_or_list({"type": "string"}, "producer owners that are the municipality"),
    "objectives": ref("objectives") | {"description": "default 0.25 each"},
    "roles": one_or_list({"enum": ["producer", "pmo", "funder", "member"]}, "its roles in the operation"),
    "staff_hours_per_year": num("municipal staff time on the operation, h/yr", minimum=0, maximum=1e6, default=0),
    "budget_eur_per_year": num("municipal budget for the operation, EUR/yr", minimum=0, maximum=1e9, default=0),
    "elections": {"type": "array", "description": "objective weights after each election",
                  "items": obj({"date": string("YYYY-MM-DD (local midnight) or ISO 8601 date-time"),
                                "objectives": ref("objectives")}, ["date", "objectives"])}},
    desc="The municipality as an actor (present when the key is given)")
def needs_role(role):
    return {"if": {"required": [role]},
            "then": {"required": ["role"], "properties": {"role": {"anyOf": [
                {"const": role}, {"type": "array", "contains": {"const": role}}]}}}}
intermediary = obj({
    "id": ident("unique id"),
    "role": one_or_list({"enum": ["mediation", "expertise"]}, "mediation and/or expertise"),
    "engaged": obj({"from": string("start of the engagement, date or date-time (default: always)"),
                    "to": string("end, exclusive, after from (default: never)")}),
    "cost_eur_per_year": num("cost while engaged, EUR/yr", minimum=0, maximum=1e8, default=0),
    "paid_by": {"enum": ["pmo", "municipality", "subsidy"], "default": "pmo"},
    "mediation": obj({
        "outreach_contacts": integer("members contacted before each assembly", minimum=0, maximum=1000000, default=0),
        "outreach_kinds": one_or_list({"enum": kinds}, "kinds contacted (default: every kind)"),
        "outreach_deciles": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 10},
                             "description": "income deciles contacted (default: every decile)"},
        "participation_boost": frac("a contacted member's participation p becomes p + boost (1 - p)") | {"default": 0.5},
        "single_text": {"type": "boolean", "default": True,
                        "description": "facilitates the single negotiation text"},
        "trust_repair": frac("share of an outvoted member's trust loss repaired") | {"default": 0.5},
        "recruitment_contacts_per_period": integer("members and candidates met each dynamics period (word of mouth)",
                                                   minimum=0, maximum=1000000, default=0)},
        desc="role mediation only"),
    "expertise": obj({
        "forecast_error_reduction": frac("advised members' forecast sd x (1 - r)") | {"default": 0.5},
        "advises": one_or_list({"enum": kinds}, "kinds advised (default: every member)"),
        "engineered_options": one_or_list({"enum": ["savings_under_equity_floor", "balanced_internal_price"]},
                                          "options it adds to the agenda (default: both)"),
        "equity_max_gini": frac("equity floor: Gini of the normalised payoffs") | {"default": 0.3},
        "transaction_cost_reduction": frac("share of a round's transaction cost saved") | {"default": 0.5}},
        desc="role expertise only")},
    ["id", "role"], desc="A territorial intermediary of mediation and/or expertise")
intermediary["allOf"] = [needs_role("mediation"), needs_role("expertise")]
defs["intermediary"] = intermediary
defs["actors"] = obj({"pmo": ref("actors_pmo"), "municipality": ref("municipality"),
                      "intermediaries": {"type": "array", "items": ref("intermediary")}},
                     desc="Actors beyond the members' meters; see docs/scenario-reference.md")
# Governance (models/scenario/governance_parser.cpp). Options depend on the item.
option_schemas = {
    "sharing_key": {"oneOf": [{"enum": keys}, ref("sharing_key")]},
    "benefit_rule": {"oneOf": [{"enum": rules}, ref("benefit_rule")]},
    "internal_price": {"oneOf": [num("EUR/kWh excl. VAT", minimum=0, maximum=2),
                                 obj({"eur_per_kwh": num("EUR/kWh excl. VAT", minimum=0, maximum=2)}, ["eur_per_kwh"])]},
    "territorial_shares": territorial,
    "pmo_fee": {"oneOf": [num("EUR per member per year", minimum=0, maximum=1e4),
                          obj({"eur_per_member_year": num("EUR per member per year", minimum=0, maximum=1e4)},
                              ["eur_per_member_year"])]},
    "expansion": {"oneOf": [string("a planned producer's id"),
                            obj({"plant": string("a planned producer's id")}, ["plant"])]}}
agenda_item = obj({
    "item": {"enum": agenda_items, "description": "what is decided (once per agenda)"},
    "protocol": {"enum": ["vote", "bargaining", "single_text", "delegated"],
                 "description": "default: delegated for the board's items, else vote"},
    "delegate": {"enum": ["board", "municipality"], "default": "board", "description": "protocol delegated only"},
    "options": {"type": "array", "minItems": 1,
                "description": "alternatives to the status quo; their shape depends on the item"}},
    ["item", "options"])
agenda_item["allOf"] = [{"if": {"required": ["delegate"]},
                         "then": {"required": ["protocol"], "properties": {"protocol": {"const": "delegated"}}}}] + [
    {"if": {"properties": {"item": {"const": it}}, "required": ["item"]},
     "then": {"properties": {"options": {"items": sch}}}} for it, sch in option_schemas.items()]
defs["agenda_item"] = agenda_item
defs["governance"] = obj({
    "calendar": {"enum": ["none", "monthly", "quarterly", "yearly"], "default": "none",
                 "description": "rounds after every 1, 3 or 12 billing periods"},
    "window_periods": integer("closed periods the options are evaluated on (0: the calendar's)", minimum=0,
                              maximum=120, default=0),
    "agenda": {"type": "array", "items": ref("agenda_item")},
    "bargaining": obj({
        "method": {"enum": ["zeuthen", "alternating_offers", "time_dependent"], "default": "zeuthen"},
        "parties": {"type": "array", "items": {"type": "string"},
                    "description": "college names and/or municipality (default: every college)"},
        "max_rounds": integer("rounds before breakdown", minimum=1, maximum=10000, default=30),
        "discount": num("alternating_offers: discount factor per round", exclusiveMinimum=0, maximum=1, default=0.95),
        "kappa": frac("time_dependent: initial concession") | {"default": 0},
        "beta": num("time_dependent: < 1 Boulware, > 1 Conceder", exclusiveMinimum=0, maximum=100, default=1)}),
    "single_text": obj({
        "max_rounds": integer("mediator's rounds", minimum=1, maximum=10000, default=40),
        "temperature": num("mediator's annealing temperature; 0: only changes every party accepts", minimum=0,
                           default=0),
        "cooling": num("temperature factor per round", exclusiveMinimum=0, maximum=1, default=0.9)}),
    "trust": obj({"gain": frac("trust += gain (1 - trust) on the winning side") | {"default": 0.05},
                  "loss": frac("trust -= loss trust when outvoted") | {"default": 0.10}}),
    "transaction_cost_eur_per_round": num("PMO's cost of preparing a round, EUR", minimum=0, maximum=1e7, default=0)},
    desc="Governance rounds: calendar, agenda, protocols")
# Social dynamics (models/scenario/dynamics_parser.cpp, docs/dynamics.md).
initial_attitude = lambda who, low, high, u: obj({
    "low": frac("lowest initial attitude") | {"default": low},
    "high": frac("highest initial attitude") | {"default": high},
    "uncertainty": num("initial uncertainty (relative agreement)", exclusiveMinimum=0, maximum=1, default=u)},
    desc="initial attitudes of the " + who + ", uniform in [low, high]")
defs["dynamics"] = obj({
    "every_periods": integer("periods between two updates", minimum=1, maximum=120, default=1),
    "satisfaction": obj({
        "initial": frac("satisfaction (propensity to stay) at the start") | {"default": 0.7},
        "learning_rate": frac("Bush-Mosteller learning rate") | {"default": 0.3},
        "procedural_weight": frac("weight of the procedural stimulus (votes, aid)") | {"default": 0.3}}),
    "aspiration": obj({
        "initial": num("expected gain, share of the reference bill", minimum=-1, maximum=1, default=0.05),
        "habituation": frac("A <- (1 - h) A + h x") | {"default": 0.2},
        "scale": num("stimulus = (x - A) / scale, clamped to [-1, 1]", exclusiveMinimum=0, maximum=1, default=0.1)}),
    "trust": obj({"learning_rate": frac("Bush-Mosteller rate of every trust update") | {"default": 0.1},
                  "municipality_initial": frac("initial trust in the municipality") | {"default": 0.5},
                  "intermediaries_initial": frac("initial trust in each intermediary") | {"default": 0.5},
                  "election_renewal": frac("share of the way trust in the municipality moves back to its "
                                           "initial value at a municipal election") | {"default": 0.5}}),
    "network": obj({
        "type": {"enum": ["small_world", "csv"], "default": "small_world"},
        "neighbours": integer("ties per person on the ring (even)", minimum=2, maximum=100, default=6),
        "rewiring": frac("Watts-Strogatz rewiring probability") | {"default": 0.1},
        "homophily": frac("share of rewired ends drawn within the person's class") | {"default": 0},
        "homophily_by": {"enum": ["kind", "income_decile"], "default": "kind"},
        "csv": string("type csv: two columns from,to of person ids, relative to the scenario file")}),
    "attitude": obj({
        "model": {"enum": ["relative_agreement", "bounded_confidence"], "default": "relative_agreement"},
        "convergence": num("mu", exclusiveMinimum=0, maximum=0.5, default=0.3),
        "confidence": num("bounded confidence threshold d", exclusiveMinimum=0, maximum=1, default=0.3),
        "meetings_per_person": num("meetings per person and dynamics period", minimum=0, maximum=100, default=1),
        "experience_weight": frac("pull of a member's attitude towards its satisfaction") | {"default": 0.5},
        "members": initial_attitude("members", 0.6, 0.9, 0.3),
        "candidates": initial_attitude("candidates", 0.1, 0.6, 0.5)}),
    "outreach": obj({
        "position": frac("attitude the actors reaching out stand for") | {"default": 0.9},
        "uncertainty": num("their uncertainty", exclusiveMinimum=0, maximum=1, default=0.2),
        "municipality_contacts_per_period": integer("persons the municipality meets each dynamics period",
                                                    minimum=0, maximum=1000000, default=0)}),
    "membership": obj({
        "application_attitude": frac("a candidate applies when its attitude reaches it") | {"default": 0.7},
        "admission": {"enum": ["automatic", "pmo", "assembly", "board"], "default": "automatic",
                      "description": "automatic: within the caps; pmo: also while last period's surplus covers "
                                     "the applicants' consumption; assembly, board: a vote at the next "
                                     "governance round admits all applicants within the caps or none"},
        "max_members": integer("cap on members (0: none)", minimum=0, maximum=10000000, default=0),
        "max_subscribed_kva": num("cap on the members' subscribed power, kVA (0: none)", minimum=0, default=0),
        "exit_satisfaction": frac("a member gives notice when satisfaction stays below") | {"default": 0.3},
        "exit_after_updates": integer("... for this many consecutive dynamics updates", minimum=1, maximum=1000,
                                      default=3),
        "loss_window_periods": integer("or when its money over this many periods is negative (0: not checked)",
                                       minimum=0, maximum=1000, default=12),
        "loss_tolerance": frac("... beyond this share of its reference bill over the window") | {"default": 0},
        "notice_periods": integer("periods between notice and leaving", minimum=0, maximum=120, default=1)}),
    "candidates": {"type": "array", "minItems": 1, "items": {"oneOf": [ref("participant"), ref("group")]},
                   "description": "people inside the perimeter who are not members (yet)"}},
    desc="Social dynamics: satisfaction, aspiration, trust, attitudes on a social network (docs/dynamics.md)")
# Lifecycle (models/scenario/lifecycle_parser.cpp, docs/lifecycle.md).
months = {"oneOf": [num("months", minimum=0, maximum=600),
                    {"type": "array", "items": num("months", minimum=0, maximum=600), "minItems": 3, "maxItems": 3,
                     "description": "[min, mode, max] months, triangular"}]}
months_d = lambda d: months | {"description": d}
defs["lifecycle"] = obj({
    "initiator": {"enum": ["municipality", "citizens", "social_landlord", "business", "developer"], "default": "municipality"},
    "initiator_hours_per_year": {"type": "number", "minimum": 0, "maximum": 1e6,
                                 "description": "hours a year the initiators give to the project; below barriers.staff_hours_needed structuring is slower (default: a leading municipality's staff hours, others unchecked)"},
    "emergence": months_d("from the first meeting to the decision to study (default [1, 3, 6])"),
    "feasibility": months_d("the feasibility study (default [3, 6, 12])"),
    "recruitment": months_d("enlisting members (default [3, 6, 12])"),
    "structuring": months_d("the PMO's form and statutes (default [2, 4, 8])"),
    "grid_agreement": months_d("the agreement with the grid operator (default [1, 2, 4])"),
    "barriers": obj({
        "bad_design_without_expertise": frac("probability a study without expertise finds no viable design") | {"default": 0.4},
        "bad_design_with_expertise": frac("... with an expertise intermediary engaged") | {"default": 0.05},
        "min_savings_share": num("the study's economics: members' benefit over the year after it, as a share of "
                                 "their reference bills, below which the initiators abandon (default: no check)",
                                 minimum=-1, maximum=1),
        "expertise_duration_factor": num("study length factor with an expert", minimum=0, maximum=10, default=0.6),
        "mediation_duration_factor": num("recruitment length factor with a mediator", minimum=0, maximum=10, default=0.6),
        "min_members": integer("founding members needed (and to keep operating)", minimum=0, maximum=10000000, default=5),
        "stall_months": num("months waiting for members before giving up", minimum=0, maximum=600, default=6),
        "statutes_unsettled": frac("probability an attempt to settle the statutes fails") | {"default": 0.3},
        "mediation_settles_factor": frac("... times this with a mediator") | {"default": 0.3},
        "unsettled_delay_months": num("months lost per failed attempt", minimum=0, maximum=600, default=3),
        "max_attempts": integer("attempts before abandoning", minimum=1, maximum=100, default=3),
        "staff_hours_needed": num("municipal staff hours per year a municipality-led project needs", minimum=0, default=100),
        "staff_shortage_factor": num("structuring length factor when short of them", minimum=0, maximum=10, default=2),
        "derogation_months": months_d("a pending derogation without a dated grant (default [3, 5, 9])"),
        "dissolve_after_periods": integer("periods below min_members before dissolving (0: never)", minimum=0,
                                          maximum=1000, default=3)}),
    "renewal": obj({
        "every_months": integer("months of operation between two renewal votes (0: never)", minimum=0,
                                maximum=1200, default=0),
        "by": {"enum": ["assembly", "board"], "default": "assembly",
               "description": "who votes on the renewal; a refusal dissolves the operation"}}),
    "events": {"type": "array", "items": obj({
        "type": {"enum": ["outage", "inverter_failures", "anchor_exit", "derogation_granted"]},
        "producer": string("outage, inverter_failures: the plant (inverter_failures: default every plant)"),
        "participant": string("anchor_exit: who leaves"),
        "at": string("ISO 8601 date within the run (dated events)"),
        "days": num("outage length", exclusiveMinimum=0, maximum=3650, default=1),
        "rate_per_year": num("inverter_failures: Poisson rate per plant", minimum=0, maximum=100, default=0.1),
        "days_range": {"type": "array", "items": num("days", minimum=0, maximum=3650), "minItems": 2, "maxItems": 2}},
        ["type"])}},
    desc="The project's lifecycle from the first meeting (time.start): phases, barriers, events (docs/lifecycle.md)")
schema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://accord.invalid/schema/accord-scenario-1.json",
  "title": "accord scenario (format 1)",
  "description": "A collective self-consumption operation to simulate. See docs/scenario-reference.md.",
  "type": "object", "additionalProperties": False, "required": ["accord", "time", "participants"],
  "properties": {
    "accord": {"const": 1, "description": "scenario format version"},
    "name": string("scenario name (default: the file name)"),
    "seed": integer("random seed", minimum=0, default=42),
    "time": obj({"start": string("ISO 8601 date or date-time (local unless an offset is given)"),
                 "end": string("ISO 8601, exclusive"),
                 "step": {"enum": ["15min", "30min", "60min", "1h", "900s", "1800s", "3600s"], "default": "30min"},
                 "timezone": {"enum": ["Europe/Paris", "UTC", "Europe/Brussels", "Europe/Berlin", "Europe/Madrid", "Europe/Luxembourg"], "default": "Europe/Paris"}},
                ["start", "end"]),
    "site": obj({"lat": num("latitude, degrees north", minimum=-90, maximum=90),
                 "lon": num("longitude, degrees east", minimum=-180, maximum=180),
                 "school_zone": {"enum": ["A", "B", "C"], "default": "A", "description": "French school-holiday zone"}},
                ["lat", "lon"]),
    "tariffs": {"$ref": "#/$defs/tariffs"},
    "participants": {"type": "array", "minItems": 1, "items": {"oneOf": [ref("participant"), ref("group")]}},
    "producers": {"type": "array", "items": ref("producer")},
    "community": obj({"sharing_key": {"oneOf": [{"enum": keys, "description": "a key's name, with its default options"},
                                                ref("sharing_key")]},
                      "benefit_rule": ref("benefit_rule"),
                      "compare_benefit_rules": {"type": "array", "description": "rules evaluated on the same periods as counterfactuals (/sharing)",
                                                "items": {"oneOf": [{"enum": rules}, ref("benefit_rule")]}},
                      "internal_price": obj({"eur_per_kwh": num("price of an allocated kWh, EUR/kWh excl. VAT", minimum=0, maximum=2)}, ["eur_per_kwh"]),
                      "pmo": ref("pmo"),
                      "pooled_producer_revenue": {"enum": ["none", "surplus", "all"], "default": "none",
                                                  "description": "producers' revenue pooled into the community benefit instead of kept by the producers"},
                      "funds": ref("funds")}),
    "finance": obj({"discount_rate": num("discount rate per year for NPV", minimum=-0.5, maximum=1, default=0.04),
                    "pv": {"type": "array", "items": obj({
                        "producer": string("id of a PV producer"),
                        "capex_eur_per_kwp": num("investment, EUR/kWc excl. VAT", minimum=0, default=1150),
                        "subsidies_eur": num("grants at year 0, EUR", minimum=0, default=0),
                        "om_eur_per_kwp_year": num("O&M, EUR/kWc/yr", minimum=0, default=20),
                        "om_escalation": num("yearly growth of O&M", minimum=-0.5, maximum=1, default=0.02),
                        "inverter_replacement": obj({"eur_per_kwp": num("EUR/kWc", minimum=0, default=100),
                                                     "year": integer("operating year (0 never)", minimum=0, maximum=60, default=15)}),
                        "lifetime_years": integer("years", minimum=1, maximum=60, default=25),
                        "equity_shares": obj({k: frac("share of equity") for k in ["municipality", "citizens_cooperative", "private_investor", "third_party_investor"]}),
                        "loan": obj({"fraction": frac("share of net capex borrowed"), "rate": frac("interest rate per year"),
                                     "years": integer("duration", minimum=1, maximum=60)})}, ["producer"])}},
                   desc="Investment of PV plants: NPV, IRR, payback per plant and investor class in /summary"),
    "governance": ref("governance"),
    "actors": ref("actors"),
    "dynamics": ref("dynamics"),
    "lifecycle": ref("lifecycle"),
    "regulation": obj({"perimeter": {"enum": ["urban", "periurban", "rural", "epci_public"], "default": "urban"},
                       "derogation": boolean("the operation has a derogation: violations are warnings")}),
    "output": obj({"path": string("output file, relative to the working directory"),
                   "detail": {"enum": ["full", "periods", "summary"], "default": "full"}}),
  },
  "$defs": defs,
}
date = string("YYYY-MM-DD (local midnight) or ISO 8601 date-time")
eur_kwh = lambda d: num(d + ", EUR/kWh", minimum=0, maximum=MAX_EUR_PER_KWH)
classes = obj({c: eur_kwh(c.upper()) for c in ["hph", "hch", "hpb", "hcb"]}, ["hph", "hch", "hpb", "hcb"])
dated = lambda props, req=(): {"type": "array", "items": obj(dict(props, **{"from": date}), ["from", *req])}
defs["tariffs"] = obj({
    "retail": obj({"schedule": {"enum": ["trve", "custom"], "default": "trve"},
                   "prices": dated({"base_eur_per_kwh": eur_kwh("Base TTC"), "hp_eur_per_kwh": eur_kwh("peak TTC"),
                                    "hc_eur_per_kwh": eur_kwh("off-peak TTC"),
                                    "base_subscription_6kva_eur_per_month": num("EUR/month TTC", minimum=0),
                                    "hphc_subscription_6kva_eur_per_month": num("EUR/month TTC", minimum=0),
                                    "subscription_eur_per_kva_month": num("EUR/kVA/month", minimum=0)})}),
    "network": obj({"turpe_acc_option": boolean("the operation subscribed the TURPE ACC option"),
                    "versions": dated({"name": string("e.g. TURPE 7"), "standard_eur_per_kwh": classes,
                                       "autoproduite_eur_per_kwh": classes, "alloproduite_eur_per_kwh": classes,
                                       "fixed_eur_per_month": num("fixed network part, EUR/month", minimum=0)})}),
    "excise": obj({"acc_exemption": boolean("0 excise on allocated kWh from acc_exemption_from"),
                   "acc_exemption_from": date, "rates": dated({"eur_per_kwh": eur_kwh("excise")}, ["eur_per_kwh"])}),
    "cta": obj({"rates": dated({"rate": num("fraction of the fixed network part", minimum=0, maximum=1)}, ["rate"])}),
    "hc_windows": {"type": "array", "items": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$"}},
    "high_season_months": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 12}},
    "surplus_eur_per_kwh": {"oneOf": [eur_kwh("flat surplus price"), dated({"eur_per_kwh": eur_kwh("surplus")}, ["eur_per_kwh"])]},
    "vat_rate": num("VAT on retail energy, fraction", minimum=0, maximum=1),
    "local_vat_rate": num("VAT on the local part, fraction", minimum=0, maximum=1),
    "escalation": obj({"retail_per_year": num("retail prices and subscriptions x (1 + e)^k in run year k", minimum=-0.5, maximum=1, default=0),
                       "network_per_year": num("TURPE rates x (1 + e)^k", minimum=-0.5, maximum=1, default=0),
                       "surplus_per_year": num("surplus price x (1 + e)^k", minimum=-0.5, maximum=1, default=0)},
                      desc="yearly escalation over a long run, on top of the dated schedules"),
    "pmo": obj({"fee_eur_per_member_month": num("EUR per member per month", minimum=0),
                "costs_eur_per_month": num("PMO running costs, EUR/month", minimum=0)},
               desc="deprecated: read as community.pmo (x 12 per year); not with community.pmo")},
    desc="Tariffs; see docs/tariffs.md. Every key optional.")
print(json.dumps(schema, indent=2))
