// Umbrella header for fwsize/predict/: includes each of its public headers, alphabetically.
#pragma once

