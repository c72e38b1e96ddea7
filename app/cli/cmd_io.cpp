// SPDX-License-Identifier: GPL-3.0-or-later
// import-labels, export (issue 7). The work is done by core/io.
#include "cli_common.h"

#include "core/io/datasetexporter.h"
#include "core/io/datasetwriter.h"
#include "core/io/labelimporter.h"
#include "core/io/labelreader.h"

#include <iostream>

namespace concord::cli {

namespace {

void registerImportLabels(CLI::App &app)
{
    auto *cmd =
        app.add_subcommand("import-labels", "Import one labeler's labels (or several, when the file names them) from "
                                            "CSV, COCO, labelme, Label Studio, Pascal VOC or YOLO; all or nothing");
    auto project = std::make_shared<std::string>();
    auto input = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    auto labeler = std::make_shared<std::string>();
    auto encoding = std::make_shared<std::string>("utf-8");
    auto addClasses = std::make_shared<bool>(false);
    auto skipUnmatched = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("INPUT", *input,
                    "Label file, or folder of per-image files (labelme, voc; yolo: the folder with data.yaml)")
        ->required();
    cmd->add_option("--format", *format, "Input format")->required()->check(CLI::IsMember(core::labelReaderFormats()));
    cmd->add_option("--labeler", *labeler, "Labeler name for entries the file does not attribute");
    addEncodingOption(cmd, *encoding);
    cmd->add_flag("--add-classes", *addClasses, "Create classes the project does not have instead of failing");
    cmd->add_flag("--skip-unmatched", *skipUnmatched,
                  "Import the entries whose image is found and list the others, instead of failing");
    cmd->add_flag("--json", *json, "Machine-readable summary on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            requireLead(*store);
            core::ImportOptions o;
            o.format = *format;
            o.labeler = *labeler;
            o.addClasses = *addClasses;
            o.skipUnmatched = *skipUnmatched;
            o.encoding = core::parseTextEncoding(*encoding);
            const auto r = core::importLabels(*store, *input, o);
            if (*json) {
                printJson({{"labels", r.labels},
                           {"annotations", r.annotations},
                           {"labelers", r.labelers},
                           {"classes_added", r.classesAdded},
                           {"unmatched", r.unmatched}});
                return;
            }
            std::cout << "Imported " << r.labels << " labels with " << r.annotations << " annotations";
            if (!r.labelers.empty()) {
                std::cout << " from";
                for (const auto &l : r.labelers)
                    std::cout << ' ' << l;
            }
            std::cout << '\n';
            if (!r.classesAdded.empty()) {
                std::cout << "Added classes:";
                for (const auto &c : r.classesAdded)
                    std::cout << ' ' << c;
                std::cout << '\n';
            }
            if (!r.unmatched.empty()) {
                std::cout << r.unmatched.size() << " entries skipped, their image is not in the project:\n";
                for (const auto &u : r.unmatched)
                    std::cout << "  " << u << '\n';
            }
        });
    });
}

void registerExport(CLI::App &app)
{
    auto *cmd = app.add_subcommand("export", "Export the final labels as a data set with provenance");
    auto project = std::make_shared<std::string>();
    auto outDir = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    auto consensus = std::make_shared<std::string>("majority");
    auto minAgreement = std::make_shared<double>(0.0);
    auto includeUnresolved = std::make_shared<bool>(false);
    auto blurFaces = std::make_shared<bool>(false);
    auto link = std::make_shared<bool>(false);
    auto copyImages = std::make_shared<bool>(false);
    auto replace = std::make_shared<bool>(false);
    auto cascade = std::make_shared<std::string>(core::kDefaultFaceCascade);
    auto json = std::make_shared<bool>(false);
    auto quorum = std::make_shared<std::string>("majority");
    auto iou = std::make_shared<double>(0.5);
    auto distance = std::make_shared<double>(10.0);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("OUTDIR", *outDir, "Output folder: new or empty (built beside it, then renamed into place whole)")
        ->required();
    cmd->add_option("--format", *format, "Output format")
        ->required()
        ->check(CLI::IsMember(core::datasetWriterFormats()));
    cmd->add_option("--consensus", *consensus, "Consensus for images without decision or standard")
        ->check(CLI::IsMember({"majority", "dawid-skene"}));
    cmd->add_option("--min-agreement", *minAgreement,
                    "Minimum item agreement (share of agreeing labeler pairs, 0-1) for a consensus to count")
        ->check(finiteNumber())
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_flag("--include-unresolved", *includeUnresolved, "Keep images without a final label (empty label)");
    cmd->add_flag("--blur-faces", *blurFaces, "Blur faces in the exported image copies (OpenCV Haar cascade)");
    cmd->add_option("--face-cascade", *cascade, "Haar cascade file for --blur-faces");
    cmd->add_flag("--link", *link, "Hard-link images instead of copying them where possible");
    cmd->add_flag("--copy-images", *copyImages, "Copy the images into images/ for csv and json too");
    cmd->add_flag("--replace", *replace,
                  "Replace the previous export in OUTDIR: exactly the files its provenance.json lists; "
                  "refused if OUTDIR holds anything else");
    cmd->add_option("--quorum", *quorum,
                    "Objects: labelers whose matched shapes make a consensus object: majority (more than half of "
                    "the image's labelers), a count (2) or a fraction (0.5, 50%); smaller clusters are not written")
        ->capture_default_str();
    cmd->add_option("--iou", *iou, "Objects: boxes and polygons of different labelers match at IoU ≥ this")
        ->check(finiteNumber())
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--distance", *distance, "Objects: lines' ends and points match within this many pixels")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_flag("--json", *json, "Machine-readable summary on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            core::ExportRequest r;
            r.format = *format;
            r.outDir = *outDir;
            r.options.consensus = core::parseConsensusMethod(*consensus);
            r.options.minAgreement = *minAgreement;
            r.options.includeUnresolved = *includeUnresolved;
            r.options.objects.quorum = core::parseObjectQuorum(*quorum);
            r.options.objects.iou = *iou;
            r.options.objects.distancePx = *distance;
            r.blurFaces = *blurFaces;
            r.faceBlur.cascadePath = *cascade;
            r.hardLink = *link;
            r.copyImages = *copyImages;
            r.replace = *replace;
            const auto rep = core::exportDataset(*store, r);
            if (*json) {
                printJson({{"exported", rep.exported},
                           {"unresolved", rep.unresolvedImages},
                           {"faces_blurred", rep.facesBlurred},
                           {"objects",
                            {{"consensus", rep.consensusObjects},
                             {"adjudicated", rep.adjudicatedObjects},
                             {"unresolved", rep.unresolvedObjects}}},
                           {"files", rep.files},
                           {"replaced", rep.replaced},
                           {"kept_aside",
                            rep.keptAside.empty() ? nlohmann::json() : nlohmann::json(rep.keptAside.string())}});
                return;
            }
            std::cout << "Exported " << rep.exported << " images as " << *format << " to " << *outDir
                      << (rep.replaced ? " (replacing the previous export)" : "") << '\n';
            if (!rep.keptAside.empty())
                std::cout << "Files added to the previous export's folder during the export were kept in "
                          << rep.keptAside.string() << '\n';
            if (*blurFaces)
                std::cout << "Blurred " << rep.facesBlurred << " faces\n";
            if (rep.consensusObjects > 0 || rep.adjudicatedObjects > 0 || rep.unresolvedObjects > 0)
                std::cout << "Objects: " << rep.consensusObjects << " consensus objects written"
                          << (rep.adjudicatedObjects > 0
                                  ? ", " + std::to_string(rep.adjudicatedObjects) + " accepted by the lead"
                                  : std::string())
                          << "; " << rep.unresolvedObjects
                          << " unresolved objects (below the quorum) left out, listed in provenance.json\n";
            if (rep.unresolved > 0) {
                std::cout << rep.unresolved << " images have no final label"
                          << (*includeUnresolved ? " (included with an empty label)" : " (left out)")
                          << ", see unresolved.csv:\n";
                for (std::size_t i = 0; i < rep.unresolvedImages.size() && i < 20; ++i)
                    std::cout << "  " << rep.unresolvedImages[i] << '\n';
                if (rep.unresolvedImages.size() > 20)
                    std::cout << "  ...\n";
            }
        });
    });
}

} // namespace

void registerIoCommands(CLI::App &app)
{
    registerImportLabels(app);
    registerExport(app);
}

} // namespace concord::cli
