#pragma once
// Facts about the libhdf5 accord runs on.

namespace accord::sim::h5 {

// Whether every call into this libhdf5 is serialised by the library (built thread-safe, as
// Debian's is): then threads may write different files at the same time (accord's h5 layer
// serialises the dimension-scale calls, which the library does not).
bool library_threadsafe();

}  // namespace accord::sim::h5
