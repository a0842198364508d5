#include "run_inputs.hpp"

#include <variant>

namespace accord::app {

namespace {

template <typename Variant>
void add_csv(const Variant& source, std::vector<std::filesystem::path>& out) {
  if (const auto* csv = std::get_if<models::CsvSeriesSpec>(&source)) out.emplace_back(csv->path);
}

}  // namespace

std::vector<std::filesystem::path> input_files(const models::Scenario& scenario) {
  std::vector<std::filesystem::path> out;
  if (!scenario.source_file.empty()) out.emplace_back(scenario.source_file);
  for (const auto& p : scenario.participants) {
    add_csv(p.consumption.source, out);
    if (p.own_production) add_csv(p.own_production->source, out);
  }
  for (const auto& p : scenario.producers) add_csv(p.production.source, out);
  if (scenario.sharing_key.coefficients_file)
    out.emplace_back(scenario.sharing_key.coefficients_file->path);
  return out;
}

}  // namespace accord::app
