// SPDX-License-Identifier: GPL-3.0-or-later
// bench_open (issue #10): open a big project in the GUI's document as a labeler and show the
// first image's row of their queue, the way the labeling view does, with the queue paged.
//
//   bench_open PROJECT [LABELER=labeler0]
//
// PROJECT is typically the file bench_store builds (100,000 images, 500,000 labels; every
// labeler has all 100,000 images in the queue). Timed from before ProjectDocument::open to the
// end of the repaint of a QListView (offscreen) over the QueueModel with the first unlabeled
// row (or row 0) current; then, separately, a LabelingView given the same document. Prints one
// JSON object on its last line, with the peak RSS of this process. Targets: ≤ 1 s, ≤ 300 MB.
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

using namespace concord;

namespace {

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_open PROJECT [LABELER]\n");
        return 2;
    }
    const QString file = QString::fromLocal8Bit(argv[1]);
    const QString labeler = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("labeler0");

    QElapsedTimer total;
    total.start();
    auto doc = ui::ProjectDocument::open(file);
    const double openMs = elapsedMs(total);
    doc->startSession(labeler);
    const double sessionMs = elapsedMs(total);
    ui::QueueModel model(doc.get());
    QListView view;
    view.setUniformItemSizes(true);
    view.setModel(&model);
    view.resize(300, 700);
    const int first = std::max(doc->firstUnlabeledIndex(), 0);
    model.ensureFetched(first);
    view.setCurrentIndex(model.index(first));
    view.scrollTo(model.index(first));
    view.show();
    view.repaint();
    const double firstRowMs = elapsedMs(total);
    const QString shown = model.index(first).data().toString();

    // The whole labeling view on the same document (its image decode is asynchronous and the
    // bench_store project has no image files: this times the queue and page set-up).
    QElapsedTimer labeling;
    labeling.start();
    ui::LabelingView labelingView;
    labelingView.resize(1200, 800);
    labelingView.setDocument(doc.get());
    labelingView.show();
    labelingView.repaint();
    const double labelingViewMs = elapsedMs(labeling);

    const nlohmann::json j{{"benchmark", "open"},
                           {"project", file.toStdString()},
                           {"queue_size", doc->queueSize()},
                           {"labeled", doc->labeledCount()},
                           {"first_row", first},
                           {"first_row_text", shown.toStdString()},
                           {"open_ms", openMs},
                           {"open_and_session_ms", sessionMs},
                           {"open_to_first_queue_row_shown_ms", firstRowMs},
                           {"labeling_view_set_document_ms", labelingViewMs},
                           {"model_rows", model.rowCount()},
                           {"document_cached_entries", doc->cachedQueueEntries()},
                           {"peak_rss_mb", peakRssMb()}};
    std::cout << j.dump() << std::endl;
    return 0;
}
