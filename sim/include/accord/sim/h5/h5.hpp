#pragma once
// The thin RAII layer over the HDF5 1.10 C API (+ HL dimension scales): one include.
#include "accord/sim/h5/atomic_file.hpp"
#include "accord/sim/h5/dataset.hpp"
#include "accord/sim/h5/handle.hpp"
#include "accord/sim/h5/location.hpp"
#include "accord/sim/h5/object.hpp"
