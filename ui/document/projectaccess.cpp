// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/projectaccess.h"

#include "core/common/error.h"

#include <QCoreApplication>

namespace concord::ui {

std::unique_ptr<core::Store> ProjectAccess::open(core::OpenMode mode) const
{
    if (!isValid())
        throw core::Error(core::ErrorCode::NotFound, "no project is open");
    return core::openStore(m_location, mode);
}

QThreadPool &ProjectAccess::pool()
{
    // Destroyed at exit, which waits for a job still running (Qt's global pool does the same).
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(2);
        pool.setObjectName(QStringLiteral("concord-project-pool"));
        // Wait for a running job when the application object goes, before static destruction:
        // a job still running then would use statics (core's name lists, OpenCV's) that were
        // constructed after this pool and so are destroyed before it (ASan: use after free in
        // a clusters job at a test's exit).
        qAddPostRoutine([] { ProjectAccess::pool().waitForDone(); });
        return true;
    }();
    (void)configured;
    return pool;
}

} // namespace concord::ui
