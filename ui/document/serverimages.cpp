// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/serverimages.h"

#include "core/common/error.h"
#include "core/store/store.h"
#include "ui/document/errortext.h"

#include <QFileInfo>

namespace concord::ui {

ServerImages::ServerImages(ProjectAccess access)
    : m_access(std::move(access))
{
}

ServerImages::~ServerImages() = default;

void ServerImages::remember(const QString &path, const core::ImageRecord &image)
{
    const std::lock_guard lock(m_recordsMutex);
    m_records.insert(path, image);
}

bool ServerImages::knows(const QString &path) const
{
    const std::lock_guard lock(m_recordsMutex);
    return m_records.contains(path);
}

int ServerImages::fetched() const
{
    const std::lock_guard lock(m_fetchMutex);
    return m_fetched;
}

QString ServerImages::fetch(const QString &path)
{
    core::ImageRecord image;
    {
        const std::lock_guard lock(m_recordsMutex);
        const auto it = m_records.constFind(path);
        if (it == m_records.constEnd())
            return {};
        image = *it;
    }
    const std::lock_guard lock(m_fetchMutex);
    if (QFileInfo::exists(path)) // another worker fetched it while this one waited
        return {};
    try {
        if (!m_store)
            m_store = m_access.open();
        m_store->resolveImagePath(image);
        ++m_fetched;
        return {};
    } catch (const core::Error &e) {
        if (e.code() == core::ErrorCode::Unavailable)
            m_store.reset(); // open a new connection next time: the server may be back
        return errorText(e);
    } catch (const std::exception &e) {
        m_store.reset();
        return errorText(e);
    }
}

} // namespace concord::ui
