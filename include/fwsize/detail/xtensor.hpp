// The one door to xtensor. Debian ships 0.24 (flat headers); 0.26+ moved them into sub-folders.
// Nothing else in fwsize includes xtensor directly. Known 0.24 + C++20 + GCC bugs (xt::pad, xt::tile,
// tracking_allocator) mean we use a small subset — containers, views, element-wise maths, reducers —
// and test each piece we use in tests/runtime/detail/xtensor_test.cpp.
#pragma once

#if __has_include(<xtensor/containers/xtensor.hpp>)
#include <xtensor/containers/xarray.hpp>
#include <xtensor/containers/xtensor.hpp>
#include <xtensor/core/xmath.hpp>
#include <xtensor/reducers/xreducer.hpp>
#include <xtensor/views/xview.hpp>
#else
#include <xtensor/xarray.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#endif
