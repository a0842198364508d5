# Reads a run file and a sweep file with accord.R, prints a short summary, checks the data
# frames against the files, and draws one figure: a KPI's mean over the runs at each level
# of a swept parameter, with a 95 % t interval.
#
#   Rscript analysis/R/example.R RUN.h5 SWEEP.h5 OUT.png [KPI [PARAMETER]]
#
# KPI defaults to savings_eur, PARAMETER to the sweep's first parameter. Needs only hdf5r
# and base R. Exits with an error (status 1) when a check fails.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3 || length(args) > 5) {
  cat("usage: Rscript example.R RUN.h5 SWEEP.h5 OUT.png [KPI [PARAMETER]]\n", file = stderr())
  quit(status = 2)
}
run_path <- args[1]
sweep_path <- args[2]
png_path <- args[3]

# accord.R sits beside this script; Rscript gives the script's own path only as --file=.
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
source(file.path(dirname(normalizePath(script[1])), "accord.R"))

run <- accord_read_run(run_path)
sweep <- accord_read_sweep(sweep_path)

# ---- the counts to check against, read straight from the files (not through accord.R)
f <- H5File$new(run_path, mode = "r")
detail <- h5attr(f, "detail")
# exists() of a nested path fails when the group above is missing (detail summary).
n_participants <- if (f$exists("participants")) f[["participants/id"]]$dims else 0
n_periods <- if (f$exists("periods")) f[["periods/start"]]$dims else 0
run_kpis <- names(f[["summary"]])
f$close_all()
f <- H5File$new(sweep_path, mode = "r")
sweep_runs <- h5attr(f, "runs")
sweep_kpis <- names(f[["summary"]])
f$close_all()

# ---- the run
kpi_value <- function(name) run$summary$value[match(name, run$summary$name)]
cat(sprintf("run %s: scenario %s, detail %s, seed %s\n", run_path, run$attrs$scenario_name,
            detail, format(run$attrs$seed)))
cat(sprintf("  %d indicators; self-consumption %.1f %%, self-sufficiency %.1f %%, savings %.2f EUR\n",
            nrow(run$summary), 100 * kpi_value("self_consumption_rate"),
            100 * kpi_value("self_sufficiency_rate"), kpi_value("savings_eur")))

stopifnot(all(c("name", "value", "units") %in% names(run$summary)),
          setequal(run$summary$name, run_kpis),
          !anyDuplicated(run$summary$name))
# Sums over the run are always defined; rates and equity indices may be NA (0/0, no income).
must_be_finite <- c("consumption_kwh", "production_kwh", "savings_eur")
stopifnot(all(must_be_finite %in% run$summary$name),
          all(is.finite(kpi_value(must_be_finite))))

if (is.null(run$participants)) {
  cat("  no participants table (detail summary)\n")
} else {
  p <- run$participants
  cat(sprintf("  %d participants: %s\n", nrow(p),
              paste(names(table(p$kind)), table(p$kind), sep = " ", collapse = ", ")))
  stopifnot(nrow(p) == n_participants, !anyDuplicated(p$id), all(nzchar(p$id)),
            all(c("id", "kind", "income_decile", "low_income") %in% names(p)),
            is.logical(p$low_income),
            all(is.na(p$income_decile) | p$income_decile %in% 1:10),
            all(is.finite(p$lat)), all(is.finite(p$lon)))
}

if (is.null(run$money)) {
  cat("  no money per member (detail summary)\n")
} else {
  m <- run$money
  stopifnot(nrow(m) == n_participants * n_periods,
            all(m$participant %in% run$participants$id),
            all(is.finite(m$bill_reference)), all(is.finite(m$bill)),
            all(is.finite(m$benefit)))
  # Savings of the members over the run, by kind: the money table joined with the
  # participants on the participant id.
  members <- merge(m[m$member, ], run$participants[, c("id", "kind")],
                   by.x = "participant", by.y = "id")
  members$savings <- members$bill_reference - members$bill
  by_kind <- aggregate(cbind(savings, benefit) ~ kind, data = members, FUN = sum)
  cat(sprintf("  over %d billing periods, EUR per kind (savings on bills, share of benefit):\n",
              n_periods))
  for (i in seq_len(nrow(by_kind)))
    cat(sprintf("    %-16s %10.2f %10.2f\n", by_kind$kind[i], by_kind$savings[i],
                by_kind$benefit[i]))
  stopifnot(abs(sum(members$savings) - kpi_value("savings_eur")) <=
              1e-6 * max(1, abs(kpi_value("savings_eur"))))
}

# ---- the sweep
parameters <- attr(sweep, "parameters")
kpi <- if (length(args) >= 4) args[4] else "savings_eur"
parameter <- if (length(args) >= 5) args[5] else parameters[1]
ok <- sweep$status == "ok"
cat(sprintf("sweep %s: %d runs (%d ok), parameters: %s\n", sweep_path, nrow(sweep), sum(ok),
            paste(parameters, collapse = ", ")))

stopifnot(nrow(sweep) == sweep_runs,
          identical(sweep$run_id, seq_len(nrow(sweep)) - 1L),
          all(c("run_id", "point", "replicate", "seed", "status", "error") %in% names(sweep)),
          all(parameters %in% names(sweep)),
          all(sweep_kpis %in% names(sweep)),
          kpi %in% sweep_kpis, parameter %in% parameters,
          all(is.finite(as.matrix(sweep[ok, intersect(must_be_finite, sweep_kpis)]))),
          # a run that is not ok has no KPI: NA, never a stale number
          all(is.na(as.matrix(sweep[!ok, sweep_kpis]))))

# ---- the figure: mean and 95 % t interval of the KPI over the runs at each level
x <- sweep[[parameter]]
y <- sweep[[kpi]]
keep <- ok & !is.na(y)
levels <- if (is.numeric(x)) sort(unique(x)) else unique(x)
stats <- do.call(rbind, lapply(levels, function(level) {
  v <- y[keep & x == level]
  n <- length(v)
  centre <- if (n >= 1) mean(v) else NA_real_
  half <- if (n >= 2) qt(0.975, n - 1) * sd(v) / sqrt(n) else NA_real_
  data.frame(level = accord_level_names(sweep, parameter, level), n = n, mean = centre,
             lower = centre - half, upper = centre + half, stringsAsFactors = FALSE)
}))
units <- attr(sweep, "units")[[kpi]]
factor_name <- attr(sweep, "factors")[[parameter]]$label
if (is.null(factor_name)) factor_name <- parameter
cat(sprintf("  %s (%s) by %s: mean [95 %% t interval] over n runs\n", kpi, units, factor_name))
for (i in seq_len(nrow(stats)))
  cat(sprintf("    %-24s n=%d %12.4g [%.4g, %.4g]\n", stats$level[i], stats$n[i],
              stats$mean[i], stats$lower[i], stats$upper[i]))
stopifnot(sum(stats$n) == sum(keep))

png(png_path, width = 800, height = 560, res = 110)
at <- seq_along(levels)
index <- match(x[keep], levels)
limits <- range(c(y[keep], stats$lower, stats$upper), finite = TRUE)
plot(NA, xlim = c(0.5, length(levels) + 0.5), ylim = limits, xaxt = "n",
     xlab = factor_name, ylab = sprintf("%s (%s)", kpi, units),
     main = sprintf("%s by %s", kpi, factor_name))
mtext("runs (grey); mean and 95 % t interval over the runs of each level (black)",
      side = 3, line = 0.4, cex = 0.8)
axis(1, at = at, labels = stats$level)
# Runs side by side by replicate rather than jittered at random: the figure is the same
# every time it is drawn.
offset <- 0.15 * (sweep$replicate[keep] / max(1, sweep$replicate[keep]) - 0.5)
points(index + offset, y[keep], col = "grey55", pch = 1)
# arrows() warns on, and skips, an interval too short to draw (replicates that agree).
interval <- is.finite(stats$lower) & stats$upper - stats$lower > 1e-3 * diff(limits)
arrows(at[interval], stats$lower[interval], at[interval], stats$upper[interval],
       angle = 90, code = 3, length = 0.06, lwd = 1.5)
points(at, stats$mean, pch = 19)
invisible(dev.off())
cat(sprintf("figure: %s\n", png_path))
