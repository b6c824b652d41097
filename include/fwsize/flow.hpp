// Umbrella header for fwsize/flow/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/flow/cidr.hpp>
#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/events.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/flow/flow_builder.hpp>
#include <fwsize/flow/flow_key.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/flow/flow_records_csv.hpp>
#include <fwsize/flow/local_address_vote.hpp>
#include <fwsize/flow/local_addresses.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/flow/seed_events.hpp>
#include <fwsize/flow/session_table.hpp>
#include <fwsize/flow/timer_profile.hpp>
