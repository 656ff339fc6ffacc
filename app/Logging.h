#pragma once

namespace sender {

class Settings;

// One line per message on stderr: time, level, category, text. Under systemd (JOURNAL_STREAM set)
// lines carry sd-daemon priority prefixes instead of a time stamp, which journald adds itself;
// colours only on a terminal unless LOGGING.COLOR says otherwise; control characters escaped so a
// hostile value (a channel name, a header) cannot forge log lines.
namespace logging {
void install();
void apply(const Settings &settings);
} // namespace logging

} // namespace sender
