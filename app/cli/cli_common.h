// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/store/store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// \file
/// Shared plumbing of concord-cli's sub-commands: each cmd_*.cpp registers its commands with
/// a register function declared here, and reports errors through runCommand().

namespace concord::cli {

void registerProjectCommands(CLI::App &app);
void registerAgreementCommands(CLI::App &app);
void registerDemoCommand(CLI::App &app);
void registerIoCommands(CLI::App &app);
void registerClustersCommands(CLI::App &app);
void registerStandardCommands(CLI::App &app);
void registerReportCommands(CLI::App &app);
void registerAdjudicationCommands(CLI::App &app);
void registerCheckCommands(CLI::App &app);
void registerServerCommands(CLI::App &app);
void registerTransferCommands(CLI::App &app);

/// CLI11 reads "nan" and "inf" as doubles, and NaN passes every range check (each comparison
/// with it is false), so `--px-per-mm nan` was stored. Every floating-point option checks
/// this first: `->check(finiteNumber())->check(CLI::Range(...))`.
const CLI::Validator &finiteNumber();

/// The --encoding option of the commands that read text files (UTF-8 unless declared).
void addEncodingOption(CLI::App *cmd, std::string &encoding);

/// Runs a command body: a core::Error becomes "concord-cli: <message>" on stderr and exit
/// code 1 (2 for usage errors from CLI11, handled in main). Sets the process exit code.
void runCommand(const std::function<void()> &body);

/// Exit code chosen by the last runCommand().
int exitCode();

/// "ok,scratch,,dent" → {"ok", "scratch", "dent"} (empty items dropped): --classes and the like.
std::vector<std::string> splitList(const std::string &s);

/// `text` as one word for a POSIX shell: as is when it needs no quoting, else in single quotes
/// (a server's "host=… dbname=…" in a command to copy).
std::string shellWord(const std::string &text);

/// Help text of a server location argument (server commands, push, pull).
inline constexpr const char *kUriHelp = "PostgreSQL connection URI or string, e.g. postgresql://lead@host/db (the "
                                        "password comes from PGPASSWORD, ~/.pgpass or a prompt, never from the "
                                        "command line)";

/// Error(Invalid) unless `uri` is a server location without a password in it.
void requireServer(const std::string &uri);

/// Error(Invalid) when a server location carries a password: a command line is visible to
/// every user of the machine (ps) and lands in shell histories.
void refusePasswordOnCommandLine(const std::string &location);

/// The location with a password typed on the terminal when `refusal` says the server wants
/// one that neither PGPASSWORD nor ~/.pgpass gave; none when there is nothing to ask.
std::optional<std::string> askServerPassword(const std::string &location, const core::Error &refusal);

/// Runs `connect(location)`; when a server refuses it for want of a password, asks for one on
/// the terminal (askServerPassword) and runs it once more with it. The password stays in memory.
template <typename F>
auto withServerPassword(const std::string &location, F connect)
{
    try {
        return connect(location);
    } catch (const core::Error &e) {
        const auto withPassword = askServerPassword(location, e);
        if (!withPassword)
            throw;
        return connect(*withPassword);
    }
}

/// Opens a project file or a server project (a PostgreSQL URI) for a command (read-write
/// unless `readOnly`).
std::unique_ptr<core::Store> open(const std::string &path, bool readOnly = false);

/// A secret from the environment variable `env` when it is set, else typed on the terminal
/// without echo after `prompt`; empty when there is neither (no terminal, e.g. in a pipe).
std::optional<std::string> readSecret(const char *env, const std::string &prompt);

/// Lead actions that change the project (standards, applies, imported labels) need the lead
/// passphrase when the project has one: from CONCORD_LEAD_PASSPHRASE, else asked on the
/// terminal. Error(Denied) when it is missing or wrong; nothing to do without a passphrase.
void requireLead(const core::Store &store);

/// Opens a project for a lead's command: one that reads every labeler's labels (agreement,
/// consensus, clusters, export, report, standard preview/agreement) or changes the project
/// for everyone (import-images, import-attributes, relink). requireLead() before anything is
/// read or written.
std::unique_ptr<core::Store> openAsLead(const std::string &path, bool readOnly = false);

/// The passphrase needed to sign in under `name` (core::signInProtection): empty when none is
/// needed; else from CONCORD_LABELER_PASSPHRASE (a labeler's own or the lead's), else
/// CONCORD_LEAD_PASSPHRASE, else typed on the terminal (a lead's name: CONCORD_LEAD_PASSPHRASE
/// or the terminal). Error(Denied) when there is none to read; core checks it.
std::string signInPassphrase(const core::Store &store, const std::string &name);

/// Progress for people: one rewritten line on stderr ("what 12/300"), thread-safe, and
/// empty (no output at all) when stderr is not a terminal, so logs and pipes stay clean.
core::ProgressFn terminalProgress();
/// Clears the progress line, when one was shown.
void endTerminalProgress(const core::ProgressFn &progress);

/// Prints JSON to stdout (pretty, with a trailing newline).
void printJson(const nlohmann::json &j);

/// Pads a cell to `width` characters (UTF-8 aware) for aligned plain-text tables; a longer cell
/// is kept whole.
std::string pad(const std::string &s, std::size_t width, bool right = false);

} // namespace concord::cli
