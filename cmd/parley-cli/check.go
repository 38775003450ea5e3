package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"parley/model"
	"parley/store"
)

// cmdCheck reports what is wrong with a project file, reading it only:
// parley-cli check --db PATH. It exits 0 when the file is sound, 1 when it
// found problems (one line each) or cannot read the file at all.
func cmdCheck(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	db := fs.String("db", "", "project file")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *db == "" && len(files) == 1 {
		*db = files[0]
	} else if *db == "" || len(files) > 0 {
		return model.Invalid("check", "usage", "usage: parley-cli check --db PATH")
	}
	if _, err := os.Stat(*db); err != nil {
		return &model.Error{Code: model.ENOTFOUND, Where: *db, Message: "no project file here"}
	}
	r, err := store.Check(*db)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: schema %d, %s, %d open\n", r.Path, r.Schema, model.Count(len(r.Scenarios), "scenario"), r.Opened)
	for _, p := range r.Problems {
		fmt.Fprintln(out, p)
	}
	if !r.OK() {
		return model.Invalid(r.Path, "sound project file", "%d problem(s) found; the file was only read, not changed", len(r.Problems))
	}
	fmt.Fprintln(out, "ok: nothing wrong found")
	return nil
}

// cliCtx is cancelled by the first Ctrl-C (or SIGTERM): import, export,
// forecast and sensitivity stop at their next step and nothing half-done is
// written. A second Ctrl-C ends the process at once (exit 130); a write in
// flight is still one transaction, rolled back on the next open.
var cliCtx = context.Background()

// interruptible sets cliCtx to follow the process's interrupt signals; the
// returned func stops listening.
func interruptible(stderr io.Writer) func() {
	ctx, cancel := context.WithCancel(context.Background())
	cliCtx = ctx
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			fmt.Fprintln(stderr, "parley-cli: stopping (Ctrl-C again to quit at once)")
			cancel()
		case <-done:
			return
		}
		select {
		case <-sig:
			os.Exit(130)
		case <-done:
		}
	}()
	return func() { signal.Stop(sig); close(done); cancel() }
}

// cancelled turns a cancelled context into the message an analyst reads.
func cancelled(ctx context.Context, what string) error {
	if ctx.Err() == nil {
		return nil
	}
	return &model.Error{Code: model.EINVALID, Where: what, Message: "stopped on request (Ctrl-C); nothing was written"}
}

// safely runs one command, turning a panic into the one error type's message
// (code internal, exit 3) instead of a stack trace; the trace goes to stderr
// only with PARLEY_DEBUG=1.
func safely(name string, f func() error, stderr io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if os.Getenv("PARLEY_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			err = &model.Error{Code: model.EINTERNAL, Where: "parley-cli " + name,
				Message: "an unexpected error stopped the command; nothing was written. Please report it with the command line",
				Err:     fmt.Errorf("panic: %v", p)}
		}
	}()
	return f()
}

// unopened is the error show returns after listing every scenario it could
// open, when some could not.
func unopened(db string, bad, total int) error {
	return model.Invalid(db, "stored scenario valid", "%d of %d scenarios could not be opened (see above); the others are listed. Run parley-cli check --db %s", bad, total, db)
}
