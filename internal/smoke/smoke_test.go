package smoke

import (
	"bufio"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley/assets"
	"parley/ui/chart"
)

// required reports whether missing tools fail the test (make test) or skip it.
func required() bool { return os.Getenv("PARLEY_SMOKE") == "1" }

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if required() {
				t.Fatalf("%s is not installed: run `make deps`", tool)
			}
			t.Skipf("%s is not installed (make test installs it)", tool)
		}
	}
}

// startX starts an Xvfb server on a free display and returns its name.
func startX(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb did not report its display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// buildParley builds the app binary once for this test run.
func buildParley(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parley")
	cmd := exec.Command("go", "build", "-o", bin, "parley")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build parley: %v", err)
	}
	return bin
}

func screenshot(t *testing.T, display string) image.Image {
	t.Helper()
	cmd := exec.Command("xwd", "-root", "-silent", "-display", display)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xwd: %v", err)
	}
	img, err := decodeXWD(out)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// savePNG keeps a screenshot for a person to look at: in PARLEY_SHOTS if set,
// else in testdata/failed when the test fails.
func savePNG(t *testing.T, img image.Image, name string) {
	dir := os.Getenv("PARLEY_SHOTS")
	if dir == "" {
		if !t.Failed() {
			return
		}
		dir = "testdata/failed"
	}
	os.MkdirAll(dir, 0o755)
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Log(err)
		return
	}
	defer f.Close()
	png.Encode(f, img)
	t.Logf("screenshot: %s", f.Name())
}

// bubbleColours are the colours the first issue's stance map paints its
// actors' bubbles in on the light theme: each actor's colour at the chart's
// bubble opacity over white.
func bubbleColours(t *testing.T) map[string][3]uint8 {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][3]uint8{}
	for i, a := range f.Scenarios[0].Actors {
		c := chart.ActorColor(a.Color, i)
		mix := func(v uint8) uint8 { return uint8((float64(v)*0xb0 + 255*float64(0xff-0xb0)) / 255) }
		out[a.Name] = [3]uint8{mix(c.R), mix(c.G), mix(c.B)}
	}
	return out
}

// commonGrey is the most common light grey of img (the shaded band behind
// some bubbles), or white when there is none.
func commonGrey(img image.Image) uint8 {
	var n [256]int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r, g, bl := int(r>>8), int(g>>8), int(bl>>8); r == g && g == bl && r >= 170 && r <= 245 {
				n[r]++
			}
		}
	}
	best := 255
	for v := 170; v <= 245; v++ {
		if n[v] > n[best] {
			best = v
		}
	}
	return uint8(best)
}

// over is c, a bubble's colour as mixed over white by bubbleColours, mixed
// over a grey background instead.
func over(c [3]uint8, grey uint8) [3]uint8 {
	const a = float64(0xb0) / 255
	var out [3]uint8
	for k, v := range c {
		orig := (float64(v) - 255*(1-a)) / a // the actor's own colour
		out[k] = uint8(max(0, min(255, orig*a+float64(grey)*(1-a))))
	}
	return out
}

// countNear counts the pixels within tol of c on every channel.
func countNear(img image.Image, c [3]uint8, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if abs(int(r>>8)-int(c[0])) <= tol && abs(int(g>>8)-int(c[1])) <= tol && abs(int(bl>>8)-int(c[2])) <= tol {
				n++
			}
		}
	}
	return n
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// running is the app started under Xvfb.
type running struct {
	display string
	exited  chan error
	stderr  *strings.Builder
	started time.Time
}

// startApp starts the real binary on db under a fresh X server, with args.
func startApp(t *testing.T, bin, db string, args ...string) *running {
	display := startX(t)
	dir := t.TempDir()
	app := exec.Command(bin, append([]string{"--db", db}, args...)...)
	app.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	var stderr strings.Builder
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() { app.Process.Kill(); <-exited })
	return &running{display: display, exited: exited, stderr: &stderr, started: time.Now()}
}

// waitFor takes screenshots until ok accepts one (or 45 s pass), saving the
// last as name for a person to look at.
func (r *running) waitFor(t *testing.T, name string, ok func(image.Image) (bool, string)) image.Image {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	var img image.Image
	why := ""
	for time.Now().Before(deadline) {
		select {
		case err := <-r.exited:
			r.exited <- err
			t.Fatalf("parley exited before showing %s: %v\n%s", name, err, r.stderr.String())
		case <-time.After(250 * time.Millisecond):
		}
		img = screenshot(t, r.display)
		var done bool
		if done, why = ok(img); done {
			t.Logf("%s on screen %v after the process started", name, time.Since(r.started).Round(10*time.Millisecond))
			savePNG(t, img, name)
			return img
		}
	}
	if img != nil {
		defer savePNG(t, img, name)
	}
	t.Fatalf("after 45 s the window does not show %s: %s\nstderr:\n%s", name, why, r.stderr.String())
	return nil
}

// TestWindowShowsStanceMap starts the real app on a fresh project file and
// waits until its window shows the default scenario's stance map: the bubbles
// of the Muscat actors, in their colours. The CLI then lists the project file
// the app created.
func TestWindowShowsStanceMap(t *testing.T) {
	need(t, "Xvfb", "xwd", "go")
	bin := buildParley(t)
	db := filepath.Join(t.TempDir(), "fresh.db")
	r := startApp(t, bin, db, "--theme", "light", "--scenario", assets.MuscatName, "--tab", "stance") // the window opens on the Summary
	want := bubbleColours(t)
	r.waitFor(t, "window-light.png", func(img image.Image) (bool, string) {
		var seen []string
		// A bubble is drawn at alpha 0xb0: over the paper, or over the live
		// Monte Carlo band's shading (a light grey, the most common one).
		band := commonGrey(img)
		for name, c := range want {
			if countNear(img, c, 6) >= 40 || countNear(img, over(c, band), 8) >= 40 {
				seen = append(seen, name)
			}
		}
		return len(seen) >= len(want)*3/4, fmt.Sprintf("the bubbles of only %d of %d actors are visible (%v)", len(seen), len(want), seen)
	})
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("the app did not create its project file: %v", err)
	}
	out, err := exec.Command("go", "run", "parley/cmd/parley-cli", "show", "--db", db).CombinedOutput()
	if err != nil {
		t.Fatalf("parley-cli show: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{`Scenario "Muscat 2026"`, "United States", "Oman", "Supreme Leader", "enrichment", "stockpile", "12 actors, 6 issues"} {
		if !strings.Contains(text, want) {
			t.Errorf("parley-cli show on the app's project file lacks %q:\n%s", want, text)
		}
	}
}

// TestEveryViewOpens opens each view of the real window once, in the light
// and the dark theme, and checks it is drawn (not a blank or error screen).
func TestEveryViewOpens(t *testing.T) {
	need(t, "Xvfb", "xwd", "go")
	bin := buildParley(t)
	for _, theme := range []string{"light", "dark"} {
		for _, tab := range []string{"summary", "stance", "coalitions", "trajectory", "exchanges", "uncertainty", "compare", "history", "briefing", "data"} {
			t.Run(theme+"/"+tab, func(t *testing.T) {
				t.Parallel()
				db := filepath.Join(t.TempDir(), "p.db")
				r := startApp(t, bin, db, "--theme", theme, "--tab", tab)
				r.waitFor(t, fmt.Sprintf("view-%s-%s.png", tab, theme), func(img image.Image) (bool, string) {
					n := distinctColours(img)
					if tab == "exchanges" && n >= 200 { // wait for the network's coloured deals, not just the frame
						teal := [3]uint8{0x11, 0x77, 0x77}
						if theme == "dark" {
							teal = [3]uint8{0x5f, 0xc9, 0xc9}
						}
						if k := countNear(img, teal, 12); k < 30 {
							return false, fmt.Sprintf("the exchange network shows %d pixels of its deals' colour", k)
						}
					}
					return n >= 200, fmt.Sprintf("only %d distinct colours: blank or not drawn", n)
				})
			})
		}
	}
}

// distinctColours counts the distinct colours in the window area of img.
func distinctColours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}
