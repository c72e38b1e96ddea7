// SPDX-License-Identifier: GPL-3.0-or-later
// Server logins of a team project (docs/TEAM.md "Adding people").
#include "core/store/server.h"

#include "core/common/error.h"
#include "core/store/pg_store.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

namespace concord::core {

namespace {

PgStore &serverStore(const Store &store)
{
    auto *pg = dynamic_cast<PgStore *>(const_cast<Store *>(&store));
    if (!pg)
        throw Error(ErrorCode::Invalid, "this is a project file, not a server project; logins exist only on a server",
                    store.path().string());
    return *pg;
}

std::string generatedPassword()
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Invalid, "libsodium could not be initialised");
    // 24 characters from an alphabet without look-alikes (0/O, 1/l/I): about 137 bits.
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 24; ++i)
        out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return out;
}

void checkLoginName(const std::string &name)
{
    if (name.empty() || name.size() > 63)
        throw Error(ErrorCode::Invalid, "a login name has 1 to 63 characters", {}, 0, "name");
    if (name.starts_with("pg_") || name.starts_with("concord_"))
        throw Error(ErrorCode::Invalid, "names starting with pg_ or concord_ are reserved by the server or Concord", {},
                    0, name);
}

} // namespace

std::string addServerUser(Store &store, const std::string &name, Role role, const std::optional<std::string> &password)
{
    PgStore &pg = serverStore(store);
    checkLoginName(name);
    const std::string secret = password.value_or(generatedPassword());
    if (secret.empty())
        throw Error(ErrorCode::Invalid, "the password is empty", {}, 0, "password");
    pg::Connection &db = pg.connection();
    const std::string group = role == Role::Lead ? pg.leadRole() : pg.labelerRole();
    if (group.empty())
        throw Error(ErrorCode::NotAProject, "the server project has no group roles (was it made by server init?)",
                    store.path().string());
    store.transaction([&] {
        auto labeler = store.labelerByName(name);
        if (!labeler)
            store.addLabeler(name, role);
        else if (labeler->role != role)
            throw Error(ErrorCode::Invalid,
                        std::string("the project has ") + (labeler->role == Role::Lead ? "a lead" : "a labeler") +
                            " of this name already",
                        {}, 0, name);
        const std::string ident = db.quoteIdentifier(name);
        // The password travels as a literal in this one statement: CREATE/ALTER ROLE takes no
        // parameters. The server stores its SCRAM verifier, never the text.
        const std::string pass = db.quoteLiteral(secret);
        const auto exists = db.run("SELECT 1 FROM pg_roles WHERE rolname = $1", name);
        if (exists.rows() == 0)
            db.execScript("CREATE ROLE " + ident + " LOGIN PASSWORD " + pass);
        else
            db.execScript("ALTER ROLE " + ident + " LOGIN PASSWORD " + pass);
        db.execScript("GRANT " + db.quoteIdentifier(group) + " TO " + ident);
        db.run("UPDATE labeler SET login = $1 WHERE name = $1", name);
        store.appendAudit(db.user(), "server.add-user",
                          nlohmann::json{{"login", name}, {"role", toString(role)}}.dump());
    });
    return secret;
}

void removeServerUser(Store &store, const std::string &name)
{
    PgStore &pg = serverStore(store);
    pg::Connection &db = pg.connection();
    store.transaction([&] {
        const auto row = db.run("SELECT 1 FROM labeler WHERE login = $1", name);
        if (row.rows() == 0)
            throw Error(ErrorCode::NotFound, "no login of this name in the project", {}, 0, name);
        const std::string ident = db.quoteIdentifier(name);
        db.execScript("REVOKE " + db.quoteIdentifier(pg.leadRole()) + ", " + db.quoteIdentifier(pg.labelerRole()) +
                      " FROM " + ident);
        db.run("UPDATE labeler SET login = NULL WHERE login = $1", name);
        store.appendAudit(db.user(), "server.remove-user", nlohmann::json{{"login", name}}.dump());
    });
}

std::vector<ServerUser> serverUsers(const Store &store)
{
    PgStore &pg = serverStore(store);
    const auto r = pg.connection().run("SELECT login, name, role FROM labeler WHERE login IS NOT NULL ORDER BY login");
    std::vector<ServerUser> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), parseRole(r.text(i, 2))});
    return out;
}

} // namespace concord::core
