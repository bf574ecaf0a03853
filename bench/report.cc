#include "report.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <thread>

namespace kiosque::bench {

namespace {

std::string proc_value(const char* file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(key)) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      const auto start = line.find_first_not_of(" \t", colon + 1);
      return start == std::string::npos ? std::string() : line.substr(start);
    }
  }
  return {};
}

std::string format_value(const std::string& key, const nlohmann::json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (key.ends_with("bytes")) return fmt::format("{:.1f} MB", d / 1e6);
    return d >= 100 ? fmt::format("{:.0f}", d) : fmt::format("{:.2f}", d);
  }
  if (v.is_number_integer() || v.is_number_unsigned()) {
    const auto n = v.get<std::int64_t>();
    if (key.ends_with("bytes")) return fmt::format("{:.1f} MB", static_cast<double>(n) / 1e6);
    return std::to_string(n);
  }
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void print(const nlohmann::json& j, const std::string& indent, std::string& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const nlohmann::json& v = it.value();
    if (v.is_object()) {
      out += fmt::format("{}{}:\n", indent, it.key());
      print(v, indent + "  ", out);
    } else if (v.is_array() && !v.empty() && v.front().is_object()) {
      out += fmt::format("{}{}:\n", indent, it.key());
      for (const auto& row : v) {
        std::string line;
        for (auto f = row.begin(); f != row.end(); ++f) {
          line += fmt::format("{}={}  ", f.key(), format_value(f.key(), f.value()));
        }
        out += fmt::format("{}  {}\n", indent, line);
      }
    } else {
      out += fmt::format("{}{:<28}{}\n", indent, it.key(), format_value(it.key(), v));
    }
  }
}

}  // namespace

nlohmann::json machine_json() {
  utsname u{};
  ::uname(&u);
  const std::string mem = proc_value("/proc/meminfo", "MemTotal");
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return {{"cpu", proc_value("/proc/cpuinfo", "model name")},
          {"cores", std::thread::hardware_concurrency()},
          {"memory_bytes", mem.empty() ? 0 : std::stoull(mem) * 1024},
          {"kernel", fmt::format("{} {}", u.sysname, u.release)},
          {"host", host}};
}

nlohmann::json check_targets(const nlohmann::json& w) {
  nlohmann::json t = nlohmann::json::object();
  auto add = [&](const char* name, double value, const char* bound, bool met) {
    t[name] = {{"value", value}, {"target", bound}, {"met", met}};
  };
  if (w.contains("peers") && w["peers"]["recollindex"].contains("docs_per_s")) {
    const auto& p = w["peers"];
    const double ratio = p["recollindex"]["kiosque_over_peer"]["docs_per_s"];
    add("bulk_docs_per_s_over_recoll", ratio, ">= 2", ratio >= 2);
    const double disk = p["recollindex"]["kiosque_over_peer"]["disk"];
    add("archive_and_index_over_recoll_index", disk, "<= 1", disk <= 1);
  }
  if (w.contains("peers") && w["peers"]["sphinx"].contains("docs_per_s")) {
    const double ratio = w["peers"]["sphinx"]["kiosque_over_peer"]["docs_per_s"];
    add("bulk_docs_per_s_over_sphinx", ratio, ">= 1", ratio >= 1);
  }
  if (w.contains("grow")) {
    const double ratio = w["grow"]["last_over_first"];
    add("grow_last_over_first_docs_per_s", ratio, ">= 0.5", ratio >= 0.5);
  }
  if (w.contains("fresh")) {
    const double p99 = w["fresh"]["latency_ms"]["p99"];
    add("fresh_p99_ms", p99, "< 300", p99 < 300 && w["fresh"]["missed"] == 0);
    if (const auto& burst = w["fresh"]["burst"]; burst.is_object()) {
      const double gap = burst["longest_gap_ms"];
      add("fresh_burst_longest_gap_ms", gap, "< 2000 (steady)", gap < 2000);
    }
  }
  if (w.contains("bulk") && w["bulk"].contains("stories")) {
    const auto& s = w["bulk"]["stories"];
    const double share = s["share_of_bulk"];
    add("stories_share_of_bulk", share, "< 0.10", share < 0.10);
    if (s.contains("pairs")) {
      const auto& p = s["pairs"];
      add("labelled_same_pairs_joined", p["same_joined"].get<double>(), "= every same pair",
          p["same_joined"] == p["same"]);
      add("labelled_different_pairs_joined", p["different_joined"].get<double>(), "= 0",
          p["different_joined"] == 0);
    }
    if (w.contains("fresh")) {
      // What placing an article adds to the time from drop to searchable, at the median.
      const double ms = s["grouping_us_per_article"].get<double>() / 1000;
      const double p50 = w["fresh"]["latency_ms"]["p50"];
      add("stories_share_of_fresh_p50", p50 > 0 ? ms / p50 : 0, "< 0.10",
          p50 > 0 && ms / p50 < 0.10);
    }
  }
  if (w.contains("search")) {
    const double p99 = w["search"]["latency_ms"]["p99"];
    add("search_p99_ms", p99, "< 10 at 20,000 articles, < 50 at 1,000,000", p99 < 10);
  }
  return t;
}

std::string report_table(const nlohmann::json& report) {
  std::string out;
  print(report, "", out);
  return out;
}

}  // namespace kiosque::bench
