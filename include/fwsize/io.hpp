// Umbrella header for fwsize/io/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/io/atomic_output.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/csv_writer.hpp>
#include <fwsize/io/ip_address.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/packet_source.hpp>
#include <fwsize/io/pcap_reader.hpp>
#include <fwsize/io/pcapng_reader.hpp>
#include <fwsize/io/read_report.hpp>
#include <fwsize/io/records.hpp>
#include <fwsize/io/tcp_stream_tracker.hpp>
