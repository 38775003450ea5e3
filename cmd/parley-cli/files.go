package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"text/tabwriter"

	"parley/internal/safefile"
	"parley/model"
	"parley/store"
	"parley/store/codec"
)

// readFile reads and parses a scenario file in any format Parley knows.
func readFile(path string) (*codec.Result, error) {
	data, err := readBytes(path)
	if err != nil {
		return nil, err
	}
	return codec.Read(path, data)
}

// readBytes reads a scenario file after checking its size against the limit.
func readBytes(path string) ([]byte, error) {
	if st, err := os.Stat(path); err == nil {
		if err := codec.CheckSize(path, st.Size()); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &model.Error{Code: model.EINVALID, Where: path, Rule: "readable file", Message: "cannot read the file: " + errText(err)}
	}
	return data, nil
}

// rescaleFiles is the --rescale flag of the commands that read a FILE
// (import, validate, forecast, sensitivity): read a column of positions
// outside 0-100 on the file's own scale instead of refusing it.
var rescaleFiles bool

const rescaleUsage = "read a column of positions outside 0-100 on the file's own scale (the issue keeps it)"

// readFileWith reads like readFile with the analyst's choices, and lists
// every problem of a refused file (codec.Problems) on standard error, the
// last one returned as the error.
func readFileWith(path string, o codec.Options) (*codec.Result, error) {
	data, err := readBytes(path)
	if err != nil {
		return nil, err
	}
	res, problems := codec.Problems(path, data, o)
	if len(problems) == 0 {
		return res, nil
	}
	if len(problems) > 1 {
		fmt.Fprintf(warnOut, "%s: %d problems, nothing imported:\n", path, len(problems))
	}
	for _, p := range problems[:len(problems)-1] {
		fmt.Fprintln(warnOut, model.ErrorMessage(p))
	}
	return nil, problems[len(problems)-1]
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// openDB opens a project file that must already exist.
func openDB(path string) (*store.Store, error) {
	if path == "" {
		return nil, model.Invalid("--db", model.RuleRequired, "name the project file with --db PATH")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, &model.Error{Code: model.ENOTFOUND, Where: path, Message: "no project file here"}
	}
	return store.Open(path)
}

func cmdValidate(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.BoolVar(&rescaleFiles, "rescale", false, rescaleUsage)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return model.Invalid("validate", "usage", "name exactly one FILE")
	}
	res, err := readFileWith(files[0], codec.Options{OwnScale: rescaleFiles})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		warn(w)
	}
	for _, sc := range res.Scenarios {
		if sc.Base != "" {
			fmt.Fprintf(out, "%s: what-if %q of %q, %s\n", files[0], sc.Name, sc.Base, model.Count(len(sc.Overrides), "override"))
			continue
		}
		fmt.Fprintf(out, "%s: valid %s scenario %q: %s, %s\n", files[0], res.Format, sc.Name, model.Count(len(sc.Actors), "actor"), model.Count(len(sc.Issues), "issue"))
	}
	return nil
}

func cmdShow(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	db := fs.String("db", "", "project file")
	name := fs.String("scenario", "", "show only this scenario")
	asJSON := fs.Bool("json", false, "print the scenarios as Parley JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := openDB(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.ListScenarios()
	if err != nil {
		return err
	}
	bad := 0 // scenarios that cannot be opened: each is reported, the rest listed
	if *asJSON {
		f := model.File{Format: model.FileFormat, Version: model.FileVersion}
		for _, info := range list {
			if *name != "" && info.Name != *name {
				continue
			}
			sc, err := s.LoadScenario(info.Name)
			if err != nil {
				fmt.Fprintln(os.Stderr, model.ErrorMessage(err))
				bad++
				continue
			}
			f.Scenarios = append(f.Scenarios, sc)
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil || bad == 0 {
			return err
		}
		return unopened(*db, bad, len(list))
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	defer tw.Flush()
	fmt.Fprintf(tw, "%s: %s\n", *db, model.Count(len(list), "scenario"))
	for _, info := range list {
		if *name != "" && info.Name != *name {
			continue
		}
		sc, err := s.LoadScenario(info.Name)
		if err != nil {
			fmt.Fprintf(tw, "\nScenario %q cannot be opened: %s\n", info.Name, model.ErrorMessage(err))
			bad++
			continue
		}
		if info.Base != "" {
			fmt.Fprintf(tw, "\nWhat-if %q of %q (%s)\n", sc.Name, info.Base, model.Count(len(sc.Overrides), "override"))
			for _, o := range sc.Overrides {
				target := o.Actor + " " + o.Field
				if o.Issue != "" {
					target = o.Actor + " " + o.Issue + " " + o.Field
				}
				fmt.Fprintf(tw, "  %s\t= %g\t%s\n", target, o.Value, o.Rationale)
			}
			continue
		}
		fmt.Fprintf(tw, "\nScenario %q  %s  (%s, %s)\n", sc.Name, sc.Date, model.Count(len(sc.Actors), "actor"), model.Count(len(sc.Issues), "issue"))
		fmt.Fprintf(tw, "Issues:\n  key\tname\tscale\tstatus quo\n")
		for _, is := range sc.Issues {
			lo, hi := is.ShownEnds()
			scale := fmt.Sprintf("%s-%s", shownG(lo), shownG(hi))
			if is.Scale != nil && is.Scale.Unit != "" {
				scale += " " + is.Scale.Unit
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", is.Key, is.Name, scale, shownG(is.Shown(is.StatusQuo)))
		}
		fmt.Fprintf(tw, "Actors:\n  name\tlabel\tgroup\tcapability")
		for _, is := range sc.Issues {
			fmt.Fprintf(tw, "\t%s", is.Key)
		}
		fmt.Fprintln(tw)
		for a, ac := range sc.Actors {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%g", ac.Name, ac.ShortLabel(), ac.Group, ac.Capability)
			for i := range sc.Issues {
				if !sc.HasStance(a, i) {
					fmt.Fprintf(tw, "\tnot set")
					continue
				}
				st := sc.Stance(a, i) // the position on the issue's own scale, the salience on 0-100
				fmt.Fprintf(tw, "\t%s/%g", shownG(sc.Issues[i].Shown(st.Position)), st.Salience)
			}
			fmt.Fprintln(tw)
		}
	}
	if bad > 0 {
		tw.Flush()
		return unopened(*db, bad, len(list))
	}
	return nil
}

func cmdImport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := fs.String("db", "", "project file (created if missing)")
	name := fs.String("scenario", "", "name for the imported base scenario")
	replace := fs.Bool("replace", false, "replace scenarios of the same names already in the project")
	rescale := fs.Bool("rescale", false, rescaleUsage)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 || *db == "" {
		return model.Invalid("import", "usage", "usage: parley-cli import FILE --db PATH [--scenario NAME] [--replace] [--rescale]")
	}
	res, err := readFileWith(files[0], codec.Options{OwnScale: *rescale})
	if err != nil {
		return err
	}
	if *name != "" {
		old := res.Scenarios[0].Name
		res.Scenarios[0].Name = *name
		for _, sc := range res.Scenarios[1:] {
			if sc.Base == old {
				sc.Base = *name
			}
		}
	}
	s, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := cancelled(cliCtx, "import"); err != nil {
		return err
	}
	if *replace {
		err = s.SaveFile(res.Scenarios)
	} else {
		// The name check and the write are one transaction (store.SaveFileNew):
		// of two imports of one name at once, one is refused, none overwrites.
		err = s.SaveFileNew(res.Scenarios)
		var me *model.Error
		if errors.As(err, &me) && me.Rule == model.RuleUnique && me.Where == s.Path() {
			me.Message += ": import it under another name with --scenario NAME, or replace it with --replace"
		}
	}
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		warn(w)
	}
	for _, sc := range res.Scenarios {
		fmt.Fprintf(out, "imported %q into %s\n", sc.Name, *db)
	}
	return nil
}

func cmdExport(args []string, out io.Writer) error {
	if hasFlag(args, "chart") {
		return cmdChartExport(args, out) // a chart as PNG, SVG or PDF
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "", "project file")
	name := fs.String("scenario", "", "scenario to export")
	format := fs.String("format", "json", "json, csv, ktab-csv, ktab-xml or xlsx")
	outPath := fs.String("out", "", "file to write (- for standard output)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := codec.ParseFormat(*format)
	if err != nil {
		return err
	}
	if *name == "" || *outPath == "" {
		return model.Invalid("export", "usage", "usage: parley-cli export --db PATH --scenario NAME --format FORMAT --out FILE")
	}
	s, err := openDB(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := s.LoadScenario(*name)
	if err != nil {
		return err
	}
	var whatIfs []*model.Scenario
	if (f == codec.JSON || f == codec.XLSX) && sc.Base == "" { // the formats that hold what-ifs
		list, err := s.ListScenarios()
		if err != nil {
			return err
		}
		for _, info := range list {
			if info.Base == sc.Name {
				wi, err := s.LoadScenario(info.Name)
				if err != nil {
					return err
				}
				whatIfs = append(whatIfs, wi.StoredWhatIf(wi.Base, wi.Overrides))
			}
		}
	}
	var warnings []string
	if *outPath == "-" {
		warnings, err = codec.Write(out, f, sc, whatIfs...)
	} else {
		// Through a temporary file beside the target, over a regular file only.
		err = safefile.WriteWith(*outPath, func(w io.Writer) error {
			if warnings, err = codec.Write(w, f, sc, whatIfs...); err != nil {
				return err
			}
			// Ctrl-C while writing: the temporary file is dropped, the target kept.
			return cancelled(cliCtx, "export")
		})
	}
	if err != nil {
		return err
	}
	for _, wmsg := range warnings {
		warn(wmsg)
	}
	return nil
}

// shownG is a value on an issue's own scale without the float noise of the
// mapping (7.000000000000001 → 7).
func shownG(v float64) string { return strconv.FormatFloat(math.Round(v*1e9)/1e9, 'g', -1, 64) }
