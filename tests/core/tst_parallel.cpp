// SPDX-License-Identifier: GPL-3.0-or-later
// parallelFor (core/common/parallel.h): every index once, the first exception of any type on
// the caller, no new work after an error or a cancel, progress 1…total in order.
//
// The exception tests would have killed this test process with the pools parallelFor replaces
// (issue #16): there a worker caught only Error / std::exception (or nothing), and an exception
// escaping a std::thread's function calls std::terminate; one escaping the calling thread's
// share skipped the joins, and destroying a joinable std::thread calls std::terminate too.
#include "core/common/error.h"
#include "core/common/parallel.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace concord::core;

class TestParallel : public QObject
{
    Q_OBJECT
private slots:
    void workers()
    {
        // min(max(requested, 1), max(count, 1)); 0 requested = the hardware's (≥ 1).
        const std::size_t hw = std::max(1U, std::thread::hardware_concurrency());
        QCOMPARE(parallelWorkers(4, 100), std::size_t(4));
        QCOMPARE(parallelWorkers(8, 3), std::size_t(3));
        QCOMPARE(parallelWorkers(8, 0), std::size_t(1));
        QCOMPARE(parallelWorkers(1, 100), std::size_t(1));
        QCOMPARE(parallelWorkers(0, 1000), std::min<std::size_t>(hw, 1000));
        QCOMPARE(parallelWorkers(0, 1), std::size_t(1));
    }

    void everyIndexOnce_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<unsigned>("threads");
        for (const unsigned t : {0U, 1U, 2U, 3U, 8U}) {
            for (const int n : {0, 1, 2, 5, 1000}) {
                const QByteArray name = QByteArray::number(n) + " items, " + QByteArray::number(t) + " threads";
                QTest::newRow(name.constData()) << n << t;
            }
        }
    }

    void everyIndexOnce()
    {
        QFETCH(int, count);
        QFETCH(unsigned, threads);
        const auto n = static_cast<std::size_t>(count);
        const std::size_t workers = parallelWorkers(threads, n);
        auto hits = std::make_unique<std::atomic<int>[]>(n + 1);
        auto busy = std::make_unique<std::atomic<bool>[]>(workers);
        std::atomic<bool> overlap{false}, badWorker{false};
        ParallelOptions o;
        o.threads = threads;
        const bool completed = parallelFor(
            n,
            [&](std::size_t i, std::size_t w) {
                if (w >= workers) {
                    badWorker = true;
                    return;
                }
                // A worker runs one item at a time (per-worker scratch space needs no lock).
                if (busy[w].exchange(true))
                    overlap = true;
                ++hits[i];
                busy[w] = false;
            },
            o);
        QVERIFY(completed);
        QVERIFY(!badWorker);
        QVERIFY(!overlap);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(hits[i].load(), 1);
    }

    void nonStdExceptionReachesCaller()
    {
        // `throw 42` is no std::exception: the old pools' catch (const std::exception &) let it
        // escape the thread, i.e. std::terminate.
        for (const unsigned threads : {1U, 4U}) {
            ParallelOptions o;
            o.threads = threads;
            int caught = 0;
            try {
                static_cast<void>(parallelFor(
                    100,
                    [](std::size_t i, std::size_t) {
                        if (i == 17)
                            throw 42;
                    },
                    o));
            } catch (int v) {
                caught = v;
            }
            QCOMPARE(caught, 42);
        }
    }

    void stdExceptionReachesCaller()
    {
        for (const unsigned threads : {1U, 4U}) {
            ParallelOptions o;
            o.threads = threads;
            QString message;
            try {
                static_cast<void>(parallelFor(
                    100,
                    [](std::size_t i, std::size_t) {
                        if (i == 50)
                            throw std::runtime_error("item 50 failed");
                    },
                    o));
            } catch (const std::runtime_error &e) {
                message = QString::fromUtf8(e.what());
            }
            QCOMPARE(message, QStringLiteral("item 50 failed"));
        }
    }

    void noNewWorkAfterAnError()
    {
        // One thread: items 0..3 run, 3 throws, 4..999 never start.
        std::atomic<std::size_t> started{0};
        ParallelOptions one;
        one.threads = 1;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, static_cast<void>(parallelFor(
                                                         1000,
                                                         [&](std::size_t i, std::size_t) {
                                                             ++started;
                                                             if (i == 3)
                                                                 throw std::runtime_error("3");
                                                         },
                                                         one)));
        QCOMPARE(started.load(), std::size_t(4));

        // Four threads, every item throws: a worker stops after its first item, so at most 4
        // of the 1000 start (a pool that only ended the failing worker would run them all).
        started = 0;
        ParallelOptions four;
        four.threads = 4;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, static_cast<void>(parallelFor(
                                                       1000,
                                                       [&](std::size_t, std::size_t) {
                                                           ++started;
                                                           throw std::logic_error("every item");
                                                       },
                                                       four)));
        QVERIFY(started.load() >= 1);
        QVERIFY2(started.load() <= 4, QByteArray::number(qulonglong(started.load())).constData());
    }

    void progressThatThrowsReachesCaller()
    {
        // A progress callback runs on the workers too; its exception is the caller's as well.
        ParallelOptions o;
        o.threads = 3;
        o.progress = [](std::size_t done, std::size_t, std::string_view) -> bool {
            if (done == 5)
                throw Error(ErrorCode::Io, "progress sink gone");
            return true;
        };
        try {
            static_cast<void>(parallelFor(
                50, [](std::size_t, std::size_t) {}, o));
            QFAIL("no exception");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Io));
        }
    }

    void cancelStopsEarly()
    {
        // Progress returns false at done == 3: with one thread exactly 3 items ran.
        for (const unsigned threads : {1U, 4U}) {
            std::atomic<std::size_t> started{0};
            std::size_t calls = 0; // parallelFor serialises the calls
            ParallelOptions o;
            o.threads = threads;
            o.progress = [&](std::size_t done, std::size_t, std::string_view) {
                ++calls;
                return done < 3;
            };
            const bool completed = parallelFor(
                1000, [&](std::size_t, std::size_t) { ++started; }, o);
            QVERIFY(!completed);
            // Beyond the 3 reported, each other worker can at most finish the item it holds.
            QVERIFY(started.load() >= 3);
            QVERIFY2(started.load() <= 3 + threads - 1, QByteArray::number(qulonglong(started.load())).constData());
            if (threads == 1)
                QCOMPARE(started.load(), std::size_t(3));
            // The callback that said stop is the last one, also when other items finish later.
            QCOMPARE(calls, std::size_t(3));
        }
    }

    void errorWinsOverCancel()
    {
        ParallelOptions o;
        o.threads = 1;
        o.progress = [](std::size_t, std::size_t, std::string_view) { return false; };
        // Item 0 throws before any progress: the exception, not a cancel.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 static_cast<void>(parallelFor(
                                     10, [](std::size_t, std::size_t) { throw std::runtime_error("x"); }, o)));
    }

    void progressCountsToTotal()
    {
        // Calls are serialised and done runs 1, 2, … 200 in order, with total 200 each time.
        ParallelOptions o;
        o.threads = 4;
        std::vector<std::size_t> seen;
        bool badTotal = false, badWhat = false;
        o.what = "things";
        o.progress = [&](std::size_t done, std::size_t total, std::string_view what) {
            seen.push_back(done); // no lock: parallelFor serialises the calls
            badTotal = badTotal || total != 200;
            badWhat = badWhat || what != "things";
            return true;
        };
        QVERIFY(parallelFor(
            200, [](std::size_t, std::size_t) { std::this_thread::yield(); }, o));
        QCOMPARE(seen.size(), std::size_t(200));
        for (std::size_t k = 0; k < seen.size(); ++k)
            QCOMPARE(seen[k], k + 1);
        QVERIFY(!badTotal);
        QVERIFY(!badWhat);

        // whatOf names the item that finished.
        std::vector<std::string> names(3);
        ParallelOptions one;
        one.threads = 1;
        one.whatOf = [](std::size_t i) -> std::string_view {
            static const char *const kNames[] = {"a", "b", "c"};
            return kNames[i];
        };
        one.progress = [&](std::size_t done, std::size_t, std::string_view what) {
            names[done - 1] = std::string(what);
            return true;
        };
        QVERIFY(parallelFor(
            3, [](std::size_t, std::size_t) {}, one));
        QCOMPARE(names, (std::vector<std::string>{"a", "b", "c"}));
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
