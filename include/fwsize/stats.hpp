// Umbrella header for fwsize/stats/: includes each of its public headers, alphabetically.
#pragma once

