// Package smoke starts the real Parley binary in a real X window (under Xvfb),
// takes screenshots and checks what an analyst would see. It needs Xvfb and
// xwd (x11-apps); `make test` installs them and sets PARLEY_SMOKE=1, which
// turns a missing tool into a failure instead of a skip.
package smoke
