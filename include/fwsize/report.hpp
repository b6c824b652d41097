// Umbrella header for fwsize/report/: includes each of its public headers, alphabetically.
#pragma once


#include <fwsize/report/sizing_report.hpp>
