// SPDX-License-Identifier: GPL-3.0-or-later
// concord-cli: every non-interactive step of Concord, headless (DESIGN §1). Only wiring here;
// the work is done by core calls in the cmd_*.cpp files.
#include "cli_common.h"

#include <CLI/CLI.hpp>

int main(int argc, char **argv)
{
    CLI::App app{"Concord: measure and raise agreement between image labelers.\n"
                 "A PROJECT is a project file (*.concord) or a team project on a PostgreSQL server given as a\n"
                 "connection string (postgresql://USER@HOST/DB; password from PGPASSWORD or ~/.pgpass, docs/TEAM.md).\n"
                 "See README.md and docs/CLI.md.",
                 "concord-cli"};
    app.set_version_flag("--version", std::string("concord-cli ") + CONCORD_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    concord::cli::registerProjectCommands(app);
    concord::cli::registerAgreementCommands(app);
    concord::cli::registerDemoCommand(app);
    concord::cli::registerIoCommands(app);
    concord::cli::registerClustersCommands(app);
    concord::cli::registerStandardCommands(app);
    concord::cli::registerReportCommands(app);
    concord::cli::registerAdjudicationCommands(app);
    concord::cli::registerCheckCommands(app);
    concord::cli::registerServerCommands(app);
    concord::cli::registerTransferCommands(app);
    // After the commands are registered, so that they do not inherit this footer.
    app.footer("With a lead passphrase set (lead-passphrase), the lead's commands need it, from "
               "CONCORD_LEAD_PASSPHRASE or typed on the terminal: those that read every labeler's labels "
               "(agreement and consensus on a project, clusters, conflicts, export, report, standard preview and "
               "agreement) and those that change the project for everyone (import-images, import-attributes, "
               "relink, import-labels, standard add, example, apply and undo, adjudicate).");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    return concord::cli::exitCode();
}
