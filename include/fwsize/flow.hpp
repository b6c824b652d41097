// Umbrella header for fwsize/flow/: includes each of its public headers, alphabetically.
#pragma once

