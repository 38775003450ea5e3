// Command parley-cli is Parley without a window: check and import scenario
// files, list what a project file holds, run the forecasting models and print
// JSON, export scenarios. Every subcommand exits non-zero with a message
// naming the file, line and rule when its input is bad.
//
//	parley-cli validate FILE
//	parley-cli show --db PATH
//	parley-cli import FILE --db PATH [--scenario NAME] [--replace]
//	parley-cli export --db PATH --scenario NAME --format json|csv|ktab-csv|ktab-xml|xlsx --out FILE
//	parley-cli forecast [--model bdm|smp|baselines|power|exchange|all] [--rounds N] [--variant A|B] [--format json|text] FILE
//	parley-cli forecast --db PATH --scenario NAME ...
//	parley-cli backtest FILE [--capability equal|votes] [--folds K] [--seed S] [--format json|text]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"parley/model"
)

// command is one subcommand: it parses its own flags from args and writes to out.
type command struct {
	name, usage string
	run         func(args []string, out io.Writer) error
}

var commands []command

// helpOut and warnOut are where `COMMAND --help` and warnings go: standard
// output and standard error (run points them at its writers).
var (
	helpOut io.Writer = os.Stdout
	warnOut io.Writer = os.Stderr
)

// warn tells the analyst something about the input or output on standard
// error, so that standard output stays the command's result (JSON, a file).
func warn(msg string) { fmt.Fprintf(warnOut, "warning: %s\n", msg) }

func init() {
	commands = []command{
		{"validate", "validate FILE [--rescale]", cmdValidate},
		{"show", "show --db PATH [--scenario NAME] [--json]", cmdShow},
		{"import", "import FILE --db PATH [--scenario NAME] [--replace] [--rescale]", cmdImport},
		{"export", "export --db PATH --scenario NAME --format json|csv|ktab-csv|ktab-xml|xlsx --out FILE | --chart KIND --format png|svg|pdf ...", cmdExport},
		{"forecast", "forecast [--model bdm|smp|baselines|power|exchange|all] [--rounds N] [--variant A|B] [--format json|text] FILE | --db PATH --scenario NAME", cmdForecast},
		{"sensitivity", "sensitivity [--draws N] [--seed S] [--spread P] [--model bdm|smp|median|mean|nash|exchange] [--dist uniform|triangular] FILE | --db PATH --scenario NAME", cmdSensitivity},
		{"check", "check --db PATH", cmdCheck},
		{"backtest", backtestUsage, cmdBacktest},
		{"brief", "brief --db PATH --scenario NAME --out deck.pdf [--png-dir DIR] [--deck FILE.json] [--size WxH] [--dpi N] [--no-footer] [--stale-ok]", cmdBrief},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: parley-cli COMMAND [flags]")
	for _, c := range commands {
		fmt.Fprintln(w, "  parley-cli "+c.usage)
	}
}

func main() {
	stop := interruptible(os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	helpOut, warnOut = stdout, stderr
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"} // parley-cli help COMMAND
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := safely(c.name, func() error { return c.run(args[1:], stdout) }, stderr)
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			if err != nil {
				fmt.Fprintln(stderr, model.ErrorMessage(err))
				if model.ErrorCode(err) == model.EINTERNAL {
					return 3
				}
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "parley-cli: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// parseFlags parses a subcommand's flags, allowing the FILE argument anywhere.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(fs)
				return nil, err
			}
			return nil, model.Invalid(fs.Name(), "flags", "%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// printHelp prints a command's usage line and its flags (for -h, --help).
func printHelp(fs *flag.FlagSet) {
	for _, c := range commands {
		if c.name == fs.Name() {
			fmt.Fprintln(helpOut, "usage: parley-cli "+c.usage)
		}
	}
	fs.SetOutput(helpOut)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}
