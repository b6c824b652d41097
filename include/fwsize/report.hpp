// Umbrella header for fwsize/report/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/report/holding_curves.hpp>
#include <fwsize/report/index_html.hpp>
#include <fwsize/report/report_rows.hpp>
#include <fwsize/report/sizing_columns.hpp>
#include <fwsize/report/sizing_csv.hpp>
#include <fwsize/report/sizing_json.hpp>
#include <fwsize/report/sizing_markdown.hpp>
#include <fwsize/report/sizing_report.hpp>
#include <fwsize/report/write_report.hpp>
