package smoke

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"parley/assets"
)

// The Windows build, checked under Wine (make test-windows, not make test:
// booting a Wine prefix and cross-building cost minutes the CI budget does
// not have). PARLEY_WINE_DIST names the folder with parley.exe,
// parley-cli.exe and the stand-in bcryptprimitives.dll (dist/ and
// dist/build/ after make windows); WINEPREFIX the prefix to use.

func wineDist(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PARLEY_WINE_DIST")
	if dir == "" {
		t.Skip("PARLEY_WINE_DIST is not set: run make test-windows")
	}
	need(t, "wine", "Xvfb", "xwd", "go")
	for _, f := range []string{"parley.exe", "parley-cli.exe"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("%v: run make windows first", err)
		}
	}
	return dir
}

var (
	prefixOnce sync.Once
	prefixErr  error
)

// winePrefix makes the Wine prefix once (wineboot) and puts the stand-in
// bcryptprimitives.dll in its system32: Wine 8 lacks the DLL that every Go
// program since Go 1.22 loads; real Windows 10 and 11 have it.
func winePrefix(t *testing.T, dist string) []string {
	t.Helper()
	prefix := os.Getenv("WINEPREFIX")
	if prefix == "" {
		t.Fatal("WINEPREFIX is not set")
	}
	env := append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
	prefixOnce.Do(func() {
		var err error
		defer func() { prefixErr = err }()
		if err = os.MkdirAll(prefix, 0o755); err != nil {
			return
		}
		sys32 := filepath.Join(prefix, "drive_c", "windows", "system32")
		if _, e := os.Stat(sys32); e != nil {
			cmd := exec.Command("wineboot", "-i")
			cmd.Env = env
			if out, e := cmd.CombinedOutput(); e != nil {
				err = fmt.Errorf("wineboot: %v\n%s", e, out)
				return
			}
		}
		dll, e := os.ReadFile(filepath.Join(dist, "build", "bcryptprimitives.dll"))
		if e != nil {
			err = e
			return
		}
		err = os.WriteFile(filepath.Join(sys32, "bcryptprimitives.dll"), dll, 0o755)
	})
	if prefixErr != nil {
		t.Fatal(prefixErr)
	}
	return env
}

// winPath is a Linux path as Wine's Z: drive shows it.
func winPath(p string) string {
	abs, _ := filepath.Abs(p)
	return "Z:" + strings.ReplaceAll(abs, "/", `\`)
}

// The Windows CLI prints byte for byte the JSON the Linux CLI prints, for
// every model, on the published emissions case and KTAB's inputs.
func TestWineCLIMatchesLinux(t *testing.T) {
	dist := wineDist(t)
	env := winePrefix(t, dist)
	linux := filepath.Join(t.TempDir(), "parley-cli")
	if out, err := exec.Command("go", "build", "-o", linux, "parley/cmd/parley-cli").CombinedOutput(); err != nil {
		t.Fatalf("build the Linux CLI: %v\n%s", err, out)
	}
	inputs := []string{"bdm1994_emissions.csv", "ktab_dummyData_3Dim.csv", "ktab_SOE-Policy.csv"}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			path := filepath.Join("..", "..", "..", "shared", "testdata", "inputs", in)
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
			args := []string{"forecast", "--model", "all", "--format", "json"}
			want, err := exec.Command(linux, append(args, path)...).Output()
			if err != nil {
				t.Fatalf("Linux CLI: %v", err)
			}
			cmd := exec.Command("wine", append([]string{filepath.Join(dist, "parley-cli.exe")}, append(args, winPath(path))...)...)
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("Windows CLI under Wine: %v\n%s", err, stderr.String())
			}
			got = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
			if !bytes.Equal(got, want) {
				t.Fatalf("the Windows CLI's JSON (%d bytes) differs from Linux's (%d bytes):\nwindows: %.300s\nlinux:   %.300s", len(got), len(want), got, want)
			}
			if len(want) < 500 || !bytes.Contains(want, []byte(`"bdm"`)) {
				t.Fatalf("suspiciously little output: %s", want)
			}
			t.Logf("%s: %d bytes identical (Wine run %v)", in, len(got), time.Since(start).Round(10*time.Millisecond))
		})
	}
}

// parley.exe starts under Wine and Xvfb on a fresh project file and its
// window shows the Muscat stance map: the actors' bubbles in their colours.
func TestWineWindowShowsStanceMap(t *testing.T) {
	dist := wineDist(t)
	env := winePrefix(t, dist)
	display := startX(t)
	db := filepath.Join(t.TempDir(), "fresh.db")
	app := exec.Command("wine", filepath.Join(dist, "parley.exe"), "--db", winPath(db), "--theme", "light", "--scenario", assets.MuscatName)
	app.Env = append(env, "DISPLAY="+display, "LANG=en_US.UTF-8")
	var stderr strings.Builder
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		app.Process.Kill()
		<-exited
		kill := exec.Command("wineserver", "-k")
		kill.Env = env
		kill.Run()
	})
	r := &running{display: display, exited: exited, stderr: &stderr, started: time.Now()}
	want := bubbleColours(t)
	r.waitFor(t, "wine-window-light.png", func(img image.Image) (bool, string) {
		var seen []string
		for name, c := range want {
			if countNear(img, c, 6) >= 40 {
				seen = append(seen, name)
			}
		}
		return len(seen) >= len(want)*3/4, fmt.Sprintf("the bubbles of only %d of %d actors are visible (%v)", len(seen), len(want), seen)
	})
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("parley.exe did not create its project file: %v", err)
	}
}

// The installer installs both programs, the licences, a Start menu entry
// and an uninstaller registered in Apps & features; the uninstaller takes
// the programs away again.
func TestWineInstaller(t *testing.T) {
	dist := wineDist(t)
	env := winePrefix(t, dist)
	setups, _ := filepath.Glob(filepath.Join(dist, "parley-*-setup.exe"))
	if len(setups) != 1 {
		t.Fatalf("installers in %s: %v", dist, setups)
	}
	run := func(args ...string) string {
		cmd := exec.Command("wine", args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("wine %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run(setups[0], "/S")
	prefix := os.Getenv("WINEPREFIX")
	dir := filepath.Join(prefix, "drive_c", "Program Files", "Parley")
	for _, f := range []string{"parley.exe", "parley-cli.exe", "uninstall.exe", "licences/OFL.txt", "licences/LICENSE-Apache-2.0.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(prefix, "drive_c", "ProgramData", "Microsoft", "Windows", "Start Menu", "Programs", "Parley.lnk")); err != nil {
		t.Errorf("no Start menu entry: %v", err)
	}
	reg := run("reg", "query", `HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Parley`)
	if !strings.Contains(reg, `C:\Program Files\Parley\uninstall.exe`) || !strings.Contains(reg, "DisplayVersion") {
		t.Errorf("Apps & features entry:\n%s", reg)
	}
	// _?= runs the uninstaller in place and waits for it.
	run(filepath.Join(dir, "uninstall.exe"), "/S", `_?=C:\Program Files\Parley`)
	if _, err := os.Stat(filepath.Join(dir, "parley.exe")); err == nil {
		t.Error("parley.exe is still there after uninstalling")
	}
}
