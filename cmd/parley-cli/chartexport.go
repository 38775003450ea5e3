package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"parley/internal/safefile"
	"parley/model"
	"parley/model/forecast"
	"parley/ui/chart"
)

const chartUsage = "usage: parley-cli export --db PATH --scenario NAME --chart " + "stance|stance2d|coalition|landscape|trajectory|power" +
	" [--issue NAME] [--issue2 NAME] [--model bdm|smp|exchange] [--round N] --format png|svg|pdf [--size WxH] [--dpi N] [--no-footer] --out FILE"

// hasFlag reports whether args set the flag name (-name, --name, --name=value).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if !strings.HasPrefix(a, "-") {
			continue // a value or a file name, e.g. --scenario chart
		}
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// exportFlags are the size and stamp flags export --chart and brief share.
type exportFlags struct {
	size     *string
	dpi      *int
	noFooter *bool
}

func addExportFlags(fs *flag.FlagSet, defaultSize string) exportFlags {
	return exportFlags{
		size:     fs.String("size", defaultSize, "WxH in pixels (1920x1080, 1280x720) or a4"),
		dpi:      fs.Int("dpi", chart.DefaultDPI, fmt.Sprintf("dots per inch, %d-%d: the physical size of SVG and PDF, the type size of PNG", chart.MinDPI, chart.MaxDPI)),
		noFooter: fs.Bool("no-footer", false, "leave off the stamp (scenario, date, model, inputs, caveat)"),
	}
}

func (f exportFlags) parse() (chart.Size, error) {
	if err := chart.CheckDPI(*f.dpi); err != nil {
		return chart.Size{}, err
	}
	return chart.ParseSize(*f.size, *f.dpi)
}

// runScenario loads the scenario (FILE or --db/--scenario) and runs every model on it once.
func runScenario(files []string, db, name string) (*model.Scenario, *forecast.Result, error) {
	sc, warnings, err := loadScenario(files, db, name)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range warnings {
		warn(w)
	}
	if err := model.CheckForecastSize(sc); err != nil {
		return nil, nil, err
	}
	res, err := forecast.Run(cliCtx, sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		return nil, nil, cancelled(cliCtx, "export")
	}
	return sc, res, nil
}

// cmdChartExport is `export --chart`: one chart, drawn by gonum/plot at the
// chosen size, as PNG, SVG or PDF.
func cmdChartExport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "", "project file")
	name := fs.String("scenario", "", "scenario to chart")
	kind := fs.String("chart", "", strings.Join(model.ChartKinds, ", "))
	issue := fs.String("issue", "", "issue key or name (default: the first)")
	issue2 := fs.String("issue2", "", "second issue, for stance2d")
	modelName := fs.String("model", string(model.ModelBDM), "bdm, smp or exchange")
	round := fs.Int("round", 0, "show this BDM round or SMP turn (0 = the last)")
	format := fs.String("format", "", "png, svg or pdf (default: from --out's extension)")
	outPath := fs.String("out", "", "file to write (- for standard output)")
	ef := addExportFlags(fs, "1920x1080")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *outPath == "" || *kind == "" {
		return model.Invalid("export", "usage", "%s", chartUsage)
	}
	var f chart.Format
	if *format != "" {
		f, err = chart.ParseFormat(*format)
	} else {
		f, err = chart.FormatOf(*outPath)
	}
	if err != nil {
		return err
	}
	size, err := ef.parse()
	if err != nil {
		return err
	}
	sc, res, err := runScenario(files, *db, *name)
	if err != nil {
		return err
	}
	spec := chart.ChartSpec{Kind: *kind, Issue: *issue, Issue2: *issue2, Model: model.ModelID(*modelName), Round: *round}
	st := chart.ExportStyle(chart.Light(), size, *ef.dpi)
	p, err := chart.BuildChart(spec, sc, res, st)
	if err != nil {
		return err
	}
	opt := chart.ExportOptions{Format: f, Size: size, DPI: *ef.dpi, Style: st}
	if !*ef.noFooter {
		footer := chart.FooterFor(sc, res, spec, time.Now().Format("2006-01-02"))
		opt.Footer = &footer
	}
	var buf bytes.Buffer
	if err := chart.Export(&buf, p, opt); err != nil {
		return err
	}
	if *outPath == "-" {
		_, err = out.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(*outPath, buf.Bytes())
}

// writeFileAtomic writes data to path through a temporary file beside it,
// over a regular file only (internal/safefile).
func writeFileAtomic(path string, data []byte) error { return safefile.Write(path, data) }

// cmdBrief exports a briefing: the scenario's saved deck (or --deck FILE, or
// the default deck) as one multi-page PDF and/or numbered PNG slides.
func cmdBrief(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("brief", flag.ContinueOnError)
	db := fs.String("db", "", "project file")
	name := fs.String("scenario", "", "scenario to brief")
	outPath := fs.String("out", "", "PDF file to write")
	pngDir := fs.String("png-dir", "", "folder for the numbered PNG slides (slide-01.png, …)")
	deckFile := fs.String("deck", "", "a deck as JSON (default: the scenario's saved deck, else the default deck)")
	staleOK := fs.Bool("stale-ok", false, "write even when a slide's takeaway was written for a chart that has changed since")
	ef := addExportFlags(fs, "1920x1080")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *outPath == "" && *pngDir == "" {
		return model.Invalid("brief", "usage", "usage: parley-cli brief --db PATH --scenario NAME --out deck.pdf [--png-dir DIR]")
	}
	size, err := ef.parse()
	if err != nil {
		return err
	}
	sc, res, err := runScenario(files, *db, *name)
	if err != nil {
		return err
	}
	deck, source, err := chooseDeck(*deckFile, *db, sc, res)
	if err != nil {
		return err
	}
	if stale := chart.OutdatedSlides(deck, sc, res); len(stale) > 0 && !*staleOK {
		return model.Invalid("brief", "takeaways up to date", "nothing written: the takeaway of %s was written for a chart that has changed since; review it in the Briefing tab, or pass --stale-ok to write anyway", strings.Join(stale, ", "))
	}
	b, err := chart.NewBriefing(deck, sc, res, chart.BriefingOptions{Size: size, DPI: *ef.dpi, NoFooter: *ef.noFooter})
	if err != nil {
		return err
	}
	for _, w := range b.Warnings {
		warn(w)
	}
	if *outPath != "" {
		var buf bytes.Buffer
		if err := b.WritePDF(&buf); err != nil {
			return err
		}
		if err := writeFileAtomic(*outPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s: %s from %s\n", *outPath, model.Count(b.Pages(), "page"), source)
	}
	if *pngDir != "" {
		paths, err := b.WritePNGs(*pngDir)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s to %s\n", model.Count(len(paths), "slide"), *pngDir)
	}
	return nil
}

// chooseDeck picks the deck to brief: --deck FILE, else the deck saved with
// the scenario (when the project file keeps decks), else the default deck
// with takeaways read from the run.
// It also says which, for the summary line.
func chooseDeck(file, db string, sc *model.Scenario, res *forecast.Result) (model.Deck, string, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return model.Deck{}, "", &model.Error{Code: model.EINVALID, Where: file, Rule: "readable file", Message: "cannot read the deck: " + errText(err)}
		}
		var d model.Deck
		if err := json.Unmarshal(data, &d); err != nil {
			return model.Deck{}, "", &model.Error{Code: model.EINVALID, Where: file, Rule: "deck JSON", Message: "not a deck: " + err.Error()}
		}
		return d, fmt.Sprintf("deck %q (%s)", d.Name, file), nil
	}
	if db != "" {
		s, err := openDB(db)
		if err != nil {
			return model.Deck{}, "", err
		}
		defer s.Close()
		if repo, ok := any(s).(model.DeckRepository); ok {
			d, err := repo.LoadDeck(sc.Name)
			switch {
			case err == nil && d != nil && len(d.Slides) > 0:
				return *d, fmt.Sprintf("saved deck %q", d.Name), nil
			case err != nil && model.ErrorCode(err) != model.ENOTFOUND:
				return model.Deck{}, "", err
			}
		}
	}
	return chart.DefaultDeck(sc, res), "the default deck", nil
}
