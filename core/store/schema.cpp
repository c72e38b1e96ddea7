// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/schema.h"

#include "core/common/error.h"
#include "core/store/sqlite_db.h"

#include <array>
#include <string>

namespace concord::core::sqlite {

namespace {

// Version 1: the tables of DESIGN §3.
constexpr const char *kV1 = R"sql(
CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE image (
  id         INTEGER PRIMARY KEY,
  path       TEXT NOT NULL UNIQUE,
  hash       TEXT NOT NULL,
  bytes      INTEGER NOT NULL DEFAULT 0,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  px_per_mm  REAL,
  file_name  TEXT NOT NULL,
  added_at   TEXT NOT NULL
);
CREATE INDEX image_hash ON image(hash);
CREATE INDEX image_file_name ON image(file_name);

CREATE TABLE labeler (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,
  role  TEXT NOT NULL CHECK (role IN ('labeler', 'lead')),
  created_at TEXT NOT NULL
);

CREATE TABLE label_class (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  color       TEXT NOT NULL DEFAULT '',
  shortcut    TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  ord         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE image_attr (
  image   INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  num     REAL,
  text    TEXT,
  source  TEXT NOT NULL CHECK (source IN ('imported', 'computed', 'measured')),
  PRIMARY KEY (image, key)
) WITHOUT ROWID;
CREATE INDEX image_attr_key ON image_attr(key, image);

CREATE TABLE standard (
  id         INTEGER PRIMARY KEY,
  family     INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  rule       TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  created_at TEXT NOT NULL,
  UNIQUE (family, version)
);

CREATE TABLE standard_example (
  standard INTEGER NOT NULL REFERENCES standard(id) ON DELETE CASCADE,
  image    INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('example', 'counterexample', 'borderline')),
  note     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (standard, image)
) WITHOUT ROWID;

CREATE TABLE assignment (
  image    INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  labeler  INTEGER NOT NULL REFERENCES labeler(id) ON DELETE CASCADE,
  round    INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0,
  state    TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'skipped')),
  PRIMARY KEY (image, labeler, round)
) WITHOUT ROWID;
CREATE INDEX assignment_queue ON assignment(labeler, round, position);

CREATE TABLE label (
  id         INTEGER PRIMARY KEY,
  image      INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  labeler    INTEGER NOT NULL REFERENCES labeler(id) ON DELETE CASCADE,
  class      INTEGER NOT NULL REFERENCES label_class(id),
  round      INTEGER NOT NULL DEFAULT 0,
  standard   INTEGER REFERENCES standard(id),
  source     TEXT NOT NULL CHECK (source IN ('manual', 'import', 'standard')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (image, labeler)
);
CREATE INDEX label_labeler ON label(labeler, image);

CREATE TABLE annotation (
  id        INTEGER PRIMARY KEY,
  label     INTEGER NOT NULL REFERENCES label(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('box', 'line', 'polygon', 'point')),
  geometry  TEXT NOT NULL,
  length_px REAL NOT NULL DEFAULT 0,
  length_mm REAL,
  area      REAL NOT NULL DEFAULT 0
);
CREATE INDEX annotation_label ON annotation(label);

CREATE TABLE decision (
  image      INTEGER PRIMARY KEY REFERENCES image(id) ON DELETE CASCADE,
  class      INTEGER REFERENCES label_class(id),
  method     TEXT NOT NULL CHECK (method IN ('adjudicated', 'consensus', 'standard', 'excluded')),
  standard   INTEGER REFERENCES standard(id),
  decided_by INTEGER REFERENCES labeler(id),
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  payload TEXT NOT NULL,
  undone  INTEGER NOT NULL DEFAULT 0
);
)sql";

// Version 2: thumbnail cache keyed by content hash (so a changed file never shows a stale
// thumbnail), and an index for "which annotations of a kind" (measured attributes).
constexpr const char *kV2 = R"sql(
CREATE TABLE thumbnail (
  hash  TEXT NOT NULL,
  size  INTEGER NOT NULL,
  jpeg  BLOB NOT NULL,
  PRIMARY KEY (hash, size)
) WITHOUT ROWID;
CREATE INDEX annotation_kind ON annotation(kind, label);
CREATE INDEX label_image_class ON label(image, class);
CREATE INDEX assignment_round ON assignment(round);
)sql";

// Version 3: consistency checks (issue #20). A check item is a row of a labeler's queue that
// shows an image again (a repeat) or shows a gold image; its answer and shapes live here and
// never in label/annotation, so they never count between labelers. Gold is the lead's class.
constexpr const char *kV3 = R"sql(
CREATE TABLE check_item (
  id          INTEGER PRIMARY KEY,
  image       INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  labeler     INTEGER NOT NULL REFERENCES labeler(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('repeat', 'gold')),
  round       INTEGER NOT NULL DEFAULT 0,
  position    INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'skipped')),
  answer      INTEGER REFERENCES label_class(id),
  answered_at TEXT NOT NULL DEFAULT '',
  UNIQUE (image, labeler, kind)
);
CREATE INDEX check_item_queue ON check_item(labeler, round, position);

CREATE TABLE check_annotation (
  id        INTEGER PRIMARY KEY,
  item      INTEGER NOT NULL REFERENCES check_item(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('box', 'line', 'polygon', 'point')),
  geometry  TEXT NOT NULL,
  length_px REAL NOT NULL DEFAULT 0,
  length_mm REAL,
  area      REAL NOT NULL DEFAULT 0
);
CREATE INDEX check_annotation_item ON check_annotation(item);

CREATE TABLE gold (
  image      INTEGER PRIMARY KEY REFERENCES image(id) ON DELETE CASCADE,
  class      INTEGER NOT NULL REFERENCES label_class(id),
  source     TEXT NOT NULL CHECK (source IN ('decision', 'import')),
  created_at TEXT NOT NULL
);
)sql";

// Version 4 (issue #17): every shape has its own class, and a class says whether it names
// images, objects or both. A shape takes the class its geometry named (imported multi-class
// sets kept it there) when the project has it, else its label's class, as the data of
// version 3 implies; a check's shape takes the check's answer.
constexpr const char *kV4 = R"sql(
ALTER TABLE label_class ADD COLUMN scope TEXT NOT NULL DEFAULT 'both'
  CHECK (scope IN ('image', 'object', 'both'));
ALTER TABLE annotation ADD COLUMN class INTEGER REFERENCES label_class(id);
UPDATE annotation SET class = coalesce(
  (SELECT c.id FROM label_class c
    WHERE json_valid(annotation.geometry) AND c.name = json_extract(annotation.geometry, '$.class')),
  (SELECT l.class FROM label l WHERE l.id = annotation.label));
CREATE INDEX annotation_class ON annotation(class);
ALTER TABLE check_annotation ADD COLUMN class INTEGER REFERENCES label_class(id);
UPDATE check_annotation SET class = coalesce(
  (SELECT c.id FROM label_class c
    WHERE json_valid(check_annotation.geometry) AND c.name = json_extract(check_annotation.geometry, '$.class')),
  (SELECT i.answer FROM check_item i WHERE i.id = check_annotation.item));

-- The lead's decisions on unresolved objects (clusters below quorum): accept with the voted
-- class, accept with another class, or drop. `members` (JSON) names the cluster's shapes, so
-- a decision applies while the same shapes form it (core/adjudication/objectqueue.h).
CREATE TABLE object_decision (
  id         INTEGER PRIMARY KEY,
  image      INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('box', 'line', 'polygon', 'point')),
  geometry   TEXT NOT NULL,
  class      INTEGER REFERENCES label_class(id),
  action     TEXT NOT NULL CHECK (action IN ('accept', 'class', 'drop')),
  members    TEXT NOT NULL,
  decided_by INTEGER REFERENCES labeler(id),
  created_at TEXT NOT NULL
);
CREATE INDEX object_decision_image ON object_decision(image);
)sql";

constexpr std::array<const char *, 4> kMigrations{kV1, kV2, kV3, kV4};

} // namespace

void migrate(Database &db, int from, int to)
{
    if (from < 0 || to > static_cast<int>(kMigrations.size()) || from > to)
        throw Error(ErrorCode::Invalid,
                    "no migration from schema " + std::to_string(from) + " to " + std::to_string(to));
    for (int v = from; v < to; ++v)
        db.execScript(kMigrations[static_cast<std::size_t>(v)]);
    // user_version cannot be bound as a parameter; `to` is an integer we control.
    db.execScript(("PRAGMA user_version = " + std::to_string(to)).c_str());
}

} // namespace concord::core::sqlite
