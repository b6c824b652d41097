// Umbrella header for fwsize/model/: includes each of its public headers, alphabetically.
#pragma once

