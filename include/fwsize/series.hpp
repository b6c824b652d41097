// Umbrella header for fwsize/series/: includes each of its public headers, alphabetically.
#pragma once

