// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli_common.h"

#include "core/common/error.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <unistd.h>

namespace concord::cli {

namespace {
int g_exitCode = 0;
}

void runCommand(const std::function<void()> &body)
{
    try {
        body();
        g_exitCode = 0;
    } catch (const core::Error &e) {
        std::cerr << "concord-cli: " << e.what() << '\n';
        g_exitCode = 1;
    } catch (const nlohmann::json::exception &e) {
        std::cerr << "concord-cli: JSON error: " << e.what() << '\n';
        g_exitCode = 1;
    } catch (const std::exception &e) {
        std::cerr << "concord-cli: unexpected error: " << e.what() << '\n';
        g_exitCode = 1;
    }
}

int exitCode() { return g_exitCode; }

std::unique_ptr<core::Store> open(const std::string &path, bool readOnly)
{
    return core::openProject(path, readOnly ? core::OpenMode::ReadOnly : core::OpenMode::ReadWrite);
}

core::ProgressFn terminalProgress()
{
    if (::isatty(STDERR_FILENO) == 0)
        return {};
    auto mutex = std::make_shared<std::mutex>();
    return [mutex](std::size_t done, std::size_t total, std::string_view what) {
        const std::lock_guard lock(*mutex);
        std::cerr << "\r" << what << " " << done << "/" << total << "   " << std::flush;
        return true;
    };
}

void endTerminalProgress(const core::ProgressFn &progress)
{
    if (progress)
        std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
}

void printJson(const nlohmann::json &j)
{
    std::cout << j.dump(2) << '\n';
}

std::string percent(double fraction, int decimals)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f %%", decimals, fraction * 100.0);
    return buf;
}

std::string pad(const std::string &s, std::size_t width, bool right)
{
    if (s.size() >= width)
        return s;
    const std::string fill(width - s.size(), ' ');
    return right ? fill + s : s + fill;
}

} // namespace concord::cli
