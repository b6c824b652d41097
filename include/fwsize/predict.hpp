// Umbrella header for fwsize/predict/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/predict/session_simulation.hpp>
