// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QObject>
#include <QString>

namespace concord::ui {

/// The window's one way to get thumbnails (issue #16 §2): the clusters grid, the example strips
/// (label book, standard editor, adjudication) and the preview's tables are clients of one
/// service. The service decodes each (file, size) once, off the GUI thread on a pool of its own
/// (newest request first, so the cluster or table just opened fills before older requests),
/// and keeps the results in one bounded cache (64 MB, least recently used first). A client
/// asks at its own size and is told when what it asked for is ready.
class Thumbnails final : public QObject
{
    Q_OBJECT

public:
    explicit Thumbnails(int side, QObject *parent = nullptr);
    ~Thumbnails() override;

    /// The thumbnail when it is decoded already (a null image for a file that could not be
    /// read); otherwise a null image, the decode is asked for, and ready() follows.
    QImage get(const QString &path);
    /// Whether get(path) has its answer (decoded, or known unreadable).
    bool isReady(const QString &path) const;
    int side() const { return m_side; }
    /// Later requests at another size (what is cached at the old one stays for others).
    void setSide(int side) { m_side = side; }
    /// Decodes this client asked for so far (tests: a view on thousands must not decode them all).
    int requested() const { return m_requested; }

    /// Forgets every cached thumbnail of every client (after a relink: paths changed).
    static void clearCache();
    /// Blocks until no decode is running or queued (tests and benchmarks).
    static void waitForIdle();

signals:
    /// `image` is null when the file could not be read.
    void ready(const QString &path, const QImage &image);

private:
    friend class ThumbnailService;
    int m_side;
    int m_requested = 0;
};

} // namespace concord::ui
