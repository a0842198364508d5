# Read accord run files and sweep files (docs/hdf5-format.md, docs/sweeps.md) into data
# frames, with Debian's r-cran-hdf5r and base R only.
#
#   source("analysis/R/accord.R")
#   run <- accord_read_run("out/run.h5")     # list: attrs, participants, producers, summary, money
#   sw  <- accord_read_sweep("out/sw/sweep.h5")  # data frame, one row per run
#
# Conventions of what comes back (the same in every function):
# - NaN in the file ("unknown", "not computed", a run that is not ok) becomes NA, R's
#   missing value, so that it reads as missing and not as the result of a computation;
# - 0/1 flags (uint8) become logical, times (int64 epoch seconds) POSIXct in UTC;
# - names from the file (parameter paths, KPI names such as irr_pv-ecole) are kept verbatim.

library(hdf5r)

ACCORD_SUPPORTED_MAJOR <- 1L

# Opens an accord file read-only after the checks the format asks every reader to make
# before anything else: filetype, major version, complete. The caller closes it
# (file$close_all()).
accord_open <- function(path, filetype = "accord-run", allow_incomplete = FALSE) {
  # Said plainly here: hdf5r's own error for these is HDF5's whole error stack.
  if (!file.exists(path)) stop(path, ": no such file", call. = FALSE)
  if (!isTRUE(tryCatch(is.h5file(path), error = function(e) FALSE)))
    stop(path, ": not an HDF5 file", call. = FALSE)
  file <- H5File$new(path, mode = "r")
  ok <- FALSE
  on.exit(if (!ok) file$close_all())
  attrs <- h5attr_names(file)
  found <- if ("filetype" %in% attrs) h5attr(file, "filetype") else "(none)"
  if (!identical(found, filetype))
    stop(path, ": filetype is '", found, "', expected '", filetype, "'", call. = FALSE)
  version <- if ("format_version" %in% attrs) as.integer(h5attr(file, "format_version"))
  if (length(version) != 2L || version[1] != ACCORD_SUPPORTED_MAJOR)
    stop(path, ": format_version ", paste(version, collapse = "."),
         " is not supported (major ", ACCORD_SUPPORTED_MAJOR, " expected)", call. = FALSE)
  complete <- if ("complete" %in% attrs) h5attr(file, "complete") else 0
  if (complete != 1 && !allow_incomplete)
    stop(path, ": incomplete (complete = ", complete, "): interrupted or still being ",
         "written", call. = FALSE)
  ok <- TRUE
  file
}

# One dataset as an R vector (or matrix, dimensions reversed as hdf5r gives them).
accord_read_dataset <- function(dataset) {
  type <- dataset$get_type()
  is_string <- inherits(type, "H5T_STRING")
  if (prod(dataset$dims) == 0) {
    # hdf5r fails on an empty variable-length string dataset (H5Dvlen_reclaim refuses the
    # empty selection), and accord writes some (/actors/pmo/board without a board).
    return(if (is_string) character(0) else numeric(0))
  }
  # hdf5r's default returns an int64 as integer, double or bit64::integer64 depending on
  # the values, so a column's type would change from file to file. The int64 values of
  # these files (epoch seconds, indices, counts, sweep seeds < 2^53) are exact as doubles;
  # only the int64 extremes that mark an open intermediary engagement round (and stay the
  # extremes).
  x <- dataset$read(flags = h5const$H5TOR_CONV_INT64_FLOAT_FORCE)
  if (is.double(x)) x[is.nan(x)] <- NA_real_
  x
}

accord_units <- function(dataset) {
  if ("units" %in% h5attr_names(dataset)) h5attr(dataset, "units") else ""
}

accord_utc <- function(seconds) as.POSIXct(seconds, origin = "1970-01-01", tz = "UTC")

# Root attributes as a named list (provenance: seed, replicate, detail, git_sha, ...).
accord_attrs <- function(file) h5attributes(file)

# A static table (/participants or /producers): one row per id, every [N] dataset of the
# group a column, `id` first.
accord_table <- function(file, group_name) {
  if (!file$exists(group_name)) return(NULL)
  group <- file[[group_name]]
  ids <- accord_read_dataset(group[["id"]])
  columns <- list(id = ids)
  for (name in setdiff(names(group), "id")) {
    dataset <- group[[name]]
    if (length(dataset$dims) != 1L || dataset$dims != length(ids)) next
    columns[[name]] <- accord_read_dataset(dataset)
  }
  table <- as.data.frame(columns, stringsAsFactors = FALSE, check.names = FALSE)
  if ("low_income" %in% names(table)) table$low_income <- table$low_income == 1L
  # The format writes decile 0 for an unknown income; as a number it would enter means
  # and orderings as the poorest decile.
  if ("income_decile" %in% names(table))
    table$income_decile[table$income_decile == 0L] <- NA_integer_
  table
}

accord_participants <- function(file) accord_table(file, "participants")
accord_producers <- function(file) accord_table(file, "producers")

# The run's indicators: one row per /summary dataset, columns name, value, units,
# description. value NA where the run could not compute it (a NaN in the file).
accord_summary <- function(file) {
  group <- file[["summary"]]
  names <- names(group)
  value <- vapply(names, function(n) as.numeric(accord_read_dataset(group[[n]])), numeric(1))
  units <- vapply(names, function(n) accord_units(group[[n]]), character(1))
  description <- vapply(names, function(n) {
    d <- group[[n]]
    if ("description" %in% h5attr_names(d)) h5attr(d, "description") else ""
  }, character(1))
  data.frame(name = names, value = unname(value), units = unname(units),
             description = unname(description), stringsAsFactors = FALSE)
}

# Money per member and billing period (detail full or periods; NULL at detail summary),
# long format: one row per period and participant, with period (POSIXct UTC, start of the
# period), participant (id), member (logical) and one column per [M, N] money dataset of
# /periods present: bill_reference, bill, benefit, internal_purchase (EUR). Long rather
# than a period x participant matrix so that it merges with the participants table
# (by participant = id) and aggregates by kind or decile with aggregate().
accord_money <- function(file) {
  if (!file$exists("periods")) return(NULL)
  periods <- file[["periods"]]
  start <- accord_utc(accord_read_dataset(periods[["start"]]))
  ids <- accord_read_dataset(file[["participants/id"]])
  # hdf5r reverses the dimensions: an [M, N] dataset reads as an N x M matrix, so
  # as.vector runs over participants fastest within each period.
  out <- data.frame(period = rep(start, each = length(ids)),
                    participant = rep(ids, times = length(start)),
                    stringsAsFactors = FALSE)
  out$member <- as.vector(accord_read_dataset(periods[["member"]])) == 1L
  for (name in c("bill_reference", "bill", "benefit", "internal_purchase")) {
    if (periods$exists(name)) out[[name]] <- as.vector(accord_read_dataset(periods[[name]]))
  }
  out
}

# Everything above from a run file in one call; the file is closed on return.
accord_read_run <- function(path, allow_incomplete = FALSE) {
  file <- accord_open(path, "accord-run", allow_incomplete)
  on.exit(file$close_all())
  list(attrs = accord_attrs(file),
       participants = accord_participants(file),
       producers = accord_producers(file),
       summary = accord_summary(file),
       money = accord_money(file))
}

# The display names a sweep file may give a parameter (docs/sweeps.md): list(label = the
# factor's name or NULL, levels = the values as text, labels = their names, both character
# and in the same order, or NULL).
accord_display_names <- function(dataset) {
  attrs <- h5attr_names(dataset)
  lines <- function(name) {
    if (!name %in% attrs) return(NULL)
    strsplit(h5attr(dataset, name), "\n", fixed = TRUE)[[1]]
  }
  list(label = if ("label" %in% attrs) h5attr(dataset, "label"),
       levels = lines("levels"), labels = lines("labels"))
}

# The names to show for values of a parameter: its labels where the sweep file gave them,
# else the values as text. Numbers are matched as numbers, since the file's text of a
# value (0.1) need not be R's (format() may write 0.10 beside 0.25).
accord_level_names <- function(sweep, parameter, values) {
  # format() one value at a time: on a vector it pads every element to the widest.
  names <- if (is.numeric(values)) vapply(values, format, "") else as.character(values)
  f <- attr(sweep, "factors")[[parameter]]
  if (is.null(f) || is.null(f$levels) || length(f$labels) != length(f$levels)) return(names)
  at <- if (is.numeric(values)) match(values, suppressWarnings(as.numeric(f$levels)))
        else match(values, f$levels)
  names[!is.na(at)] <- f$labels[at[!is.na(at)]]
  names
}

# A sweep file as one data frame, one row per run in run_id order: run_id, point,
# replicate, seed, status, one column per swept parameter (its path as the name; numeric or
# character as stored), one column per KPI (sorted by name; NA where the run is not ok),
# then error, the columns of summary.csv. Attributes: parameters (the paths, design
# order), factors (accord_display_names of each parameter, named by path), units (named by
# KPI), file_attrs (the root attributes: runs, replicates, ...).
accord_read_sweep <- function(path) {
  file <- accord_open(path, "accord-sweep")
  on.exit(file$close_all())
  design <- file[["design"]]
  runs <- length(accord_read_dataset(design[["run_id"]]))
  text <- if ("parameters" %in% h5attr_names(design)) h5attr(design, "parameters") else ""
  parameters <- strsplit(text, "\n", fixed = TRUE)[[1]]
  parameters <- parameters[nzchar(parameters)]
  column <- function(name, default) {
    if (design$exists(name)) accord_read_dataset(design[[name]]) else rep(default, runs)
  }
  columns <- list(run_id = as.integer(column("run_id", NA)),
                  point = as.integer(column("point", NA)),
                  replicate = as.integer(column("replicate", NA)),
                  seed = column("seed", NA_real_),
                  status = column("status", ""))
  # No default here, unlike the columns above: a parameter named in the attribute without
  # its column is a damaged file, better an error than a column of NA.
  factors <- list()
  for (p in parameters) {
    columns[[p]] <- accord_read_dataset(design[[p]])
    factors[[p]] <- accord_display_names(design[[p]])
  }
  summary <- file[["summary"]]
  # In the file's order: accord sorts the KPIs by name byte-wise; R's sort() would follow
  # the locale and could order them differently from summary.csv.
  kpis <- names(summary)
  units <- character(0)
  for (k in kpis) {
    columns[[k]] <- accord_read_dataset(summary[[k]])
    units[[k]] <- accord_units(summary[[k]])
  }
  columns$error <- column("error", "")
  table <- as.data.frame(columns, stringsAsFactors = FALSE, check.names = FALSE)
  attr(table, "parameters") <- parameters
  attr(table, "factors") <- factors
  attr(table, "units") <- units
  attr(table, "file_attrs") <- h5attributes(file)
  table
}
