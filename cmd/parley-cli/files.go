package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"parley/model"
	"parley/store"
	"parley/store/codec"
)

// readFile reads and parses a scenario file in any format Parley knows.
func readFile(path string) (*codec.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &model.Error{Code: model.EINVALID, Where: path, Rule: "readable file", Message: "cannot read the file: " + errText(err)}
	}
	return codec.Read(path, data)
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
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return model.Invalid("validate", "usage", "name exactly one FILE")
	}
	res, err := readFile(files[0])
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
	if *asJSON {
		f := model.File{Format: model.FileFormat, Version: model.FileVersion}
		for _, info := range list {
			if *name != "" && info.Name != *name {
				continue
			}
			sc, err := s.LoadScenario(info.Name)
			if err != nil {
				return err
			}
			f.Scenarios = append(f.Scenarios, sc)
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(f)
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	defer tw.Flush()
	fmt.Fprintf(tw, "%s: %d scenarios\n", *db, len(list))
	for _, info := range list {
		if *name != "" && info.Name != *name {
			continue
		}
		sc, err := s.LoadScenario(info.Name)
		if err != nil {
			return err
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
		fmt.Fprintf(tw, "Issues:\n  key\tname\tstatus quo\n")
		for _, is := range sc.Issues {
			fmt.Fprintf(tw, "  %s\t%s\t%g\n", is.Key, is.Name, is.StatusQuo)
		}
		fmt.Fprintf(tw, "Actors:\n  name\tlabel\tgroup\tcapability")
		for _, is := range sc.Issues {
			fmt.Fprintf(tw, "\t%s", is.Key)
		}
		fmt.Fprintln(tw)
		for a, ac := range sc.Actors {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%g", ac.Name, ac.ShortLabel(), ac.Group, ac.Capability)
			for i := range sc.Issues {
				st := sc.Stance(a, i)
				fmt.Fprintf(tw, "\t%g/%g", st.Position, st.Salience)
			}
			fmt.Fprintln(tw)
		}
	}
	return nil
}

func cmdImport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := fs.String("db", "", "project file (created if missing)")
	name := fs.String("scenario", "", "name for the imported base scenario")
	replace := fs.Bool("replace", false, "replace scenarios of the same names already in the project")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 || *db == "" {
		return model.Invalid("import", "usage", "usage: parley-cli import FILE --db PATH [--scenario NAME]")
	}
	res, err := readFile(files[0])
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
	if !*replace {
		list, err := s.ListScenarios()
		if err != nil {
			return err
		}
		for _, info := range list {
			for _, sc := range res.Scenarios {
				if sc.Name == info.Name {
					return model.Invalid(*db, model.RuleUnique, "the project already has a scenario called %q; import it under another name with --scenario NAME, or replace it with --replace", sc.Name)
				}
			}
		}
	}
	if err := s.SaveFile(res.Scenarios); err != nil {
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
	w := out
	var file *os.File
	if *outPath != "-" {
		file, err = os.CreateTemp(dirOf(*outPath), ".parley-export-*")
		if err != nil {
			return &model.Error{Code: model.EINVALID, Where: *outPath, Rule: "writable file", Message: "cannot write here: " + errText(err)}
		}
		defer os.Remove(file.Name())
		w = file
	}
	warnings, err := codec.Write(w, f, sc, whatIfs...)
	if err != nil {
		if file != nil {
			file.Close()
		}
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return &model.Error{Code: model.EINTERNAL, Where: *outPath, Message: "could not finish writing", Err: err}
		}
		if err := os.Rename(file.Name(), *outPath); err != nil {
			return &model.Error{Code: model.EINTERNAL, Where: *outPath, Message: "could not write", Err: err}
		}
	}
	for _, wmsg := range warnings {
		warn(wmsg)
	}
	return nil
}

func dirOf(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if os.IsPathSeparator(p[i]) {
			return p[:i+1]
		}
	}
	return "."
}
