// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli_common.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/text.h"
#include "core/project/session.h"
#include "core/store/pg_db.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <cstdlib>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace concord::cli {

namespace {
int g_exitCode = 0;
}

const CLI::Validator &finiteNumber()
{
    static const CLI::Validator v(
        [](std::string &input) -> std::string {
            if (!core::parseDouble(input))
                return "expected a finite number, found '" + input + "'";
            return {};
        },
        "FINITE");
    return v;
}

void addEncodingOption(CLI::App *cmd, std::string &encoding)
{
    cmd->add_option("--encoding", encoding,
                    "Text encoding of the input: utf-8 (checked), latin1 or windows-1252 (converted)")
        ->check(CLI::IsMember(core::textEncodingNames(), CLI::ignore_case))
        ->capture_default_str();
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

int exitCode()
{
    return g_exitCode;
}

std::vector<std::string> splitList(const std::string &s)
{
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty())
            out.push_back(item);
    return out;
}

std::string shellWord(const std::string &text)
{
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("@%+=:,./_-", c);
    });
    if (plain)
        return text;
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void refusePasswordOnCommandLine(const std::string &location)
{
    if (!core::isServerLocation(location))
        return;
    const bool uri = location.starts_with("postgresql://") || location.starts_with("postgres://");
    if ((uri && core::pg::withoutPassword(location) != location) ||
        (!uri && location.find("password=") != std::string::npos))
        throw core::Error(core::ErrorCode::Invalid,
                          "the connection string carries a password, which other users of this machine can read in "
                          "the process list; give it in PGPASSWORD or ~/.pgpass, or type it when asked",
                          core::pg::withoutPassword(location));
}

void requireServer(const std::string &uri)
{
    if (!core::isServerLocation(uri))
        throw core::Error(core::ErrorCode::Invalid,
                          "not a PostgreSQL connection string (postgresql://USER@HOST/DATABASE or 'host=… dbname=…')",
                          {}, 0, uri);
    refusePasswordOnCommandLine(uri);
}

std::unique_ptr<core::Store> open(const std::string &path, bool readOnly)
{
    refusePasswordOnCommandLine(path);
    return withServerPassword(path, [&](const std::string &location) {
        return core::openStore(location, readOnly ? core::OpenMode::ReadOnly : core::OpenMode::ReadWrite);
    });
}

std::optional<std::string> askServerPassword(const std::string &location, const core::Error &refusal)
{
    // libpq reads PGPASSWORD and ~/.pgpass itself but never asks: as psql does, ask on the
    // terminal when the server wants a password that neither gave.
    if (!core::isServerLocation(location) || refusal.code() != core::ErrorCode::Unavailable ||
        refusal.detail().find("no password supplied") == std::string::npos || std::getenv("PGPASSWORD"))
        return std::nullopt;
    std::string user;
    for (const auto &[key, value] : core::pg::parseConnectionString(location))
        if (key == "user")
            user = value;
    const auto password = readSecret("PGPASSWORD", "Password for " + (user.empty() ? "the server" : user) + ": ");
    if (!password || password->empty())
        return std::nullopt;
    auto parts = core::pg::parseConnectionString(location);
    parts.emplace_back("password", *password);
    return core::pg::makeConnectionString(parts);
}

std::optional<std::string> readSecret(const char *env, const std::string &prompt)
{
    if (const char *value = std::getenv(env))
        return std::string(value);
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0)
        return std::nullopt;
    termios saved{};
    const bool isTerminal = ::tcgetattr(tty, &saved) == 0;
    if (isTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] const auto written = ::write(tty, prompt.data(), prompt.size());
    std::string secret;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r')
        secret += c;
    if (isTerminal)
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    [[maybe_unused]] const auto newline = ::write(tty, "\n", 1);
    ::close(tty);
    return secret;
}

void requireLead(const core::Store &store)
{
    if (!core::hasLeadPassphrase(store))
        return;
    const auto passphrase = readSecret("CONCORD_LEAD_PASSPHRASE", "Lead passphrase: ");
    if (!passphrase)
        throw core::Error(core::ErrorCode::Denied,
                          "this project's lead actions need the lead passphrase: set CONCORD_LEAD_PASSPHRASE "
                          "or run the command in a terminal");
    if (!core::verifyLeadPassphrase(store, *passphrase))
        throw core::Error(core::ErrorCode::Denied, "wrong lead passphrase");
}

std::unique_ptr<core::Store> openAsLead(const std::string &path, bool readOnly)
{
    auto store = open(path, readOnly);
    requireLead(*store);
    return store;
}

std::string signInPassphrase(const core::Store &store, const std::string &name)
{
    if (!core::signInProtection(store, name).passphraseNeeded)
        return {};
    const auto who = store.labelerByName(name);
    const bool lead = who && who->role == core::Role::Lead;
    const char *env = lead ? "CONCORD_LEAD_PASSPHRASE" : "CONCORD_LABELER_PASSPHRASE";
    if (!lead && std::getenv(env) == nullptr && std::getenv("CONCORD_LEAD_PASSPHRASE") != nullptr)
        env = "CONCORD_LEAD_PASSPHRASE";
    const auto passphrase =
        readSecret(env, lead ? "Lead passphrase: " : "Passphrase of " + name + " (or the lead passphrase): ");
    if (!passphrase)
        throw core::Error(core::ErrorCode::Denied,
                          std::string("signing in as this name needs a passphrase: set ") +
                              (lead ? "CONCORD_LEAD_PASSPHRASE" : "CONCORD_LABELER_PASSPHRASE") +
                              " or run the command in a terminal",
                          {}, 0, name);
    return *passphrase;
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

std::string pad(const std::string &s, std::size_t width, bool right)
{
    // Width in characters, not bytes: "κ" and "–" take one column each.
    const auto columns = static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (columns >= width)
        return s;
    const std::string fill(width - columns, ' ');
    return right ? fill + s : s + fill;
}

} // namespace concord::cli
