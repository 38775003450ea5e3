package codec

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// big250x10 is a KTAB CSV of 250 actors × 10 issues, the size PRODUCT.md budgets for.
func big250x10() []byte {
	var b strings.Builder
	b.WriteString("Big,250 actors x 10 issues,250,10,\nActor,Description,Power")
	for i := range 10 {
		fmt.Fprintf(&b, ",Issue %d Position,Issue %d Salience", i, i)
	}
	b.WriteString("\n")
	for a := range 250 {
		fmt.Fprintf(&b, "Actor %03d,Description of actor %d,%d", a, a, 1+a%97)
		for i := range 10 {
			fmt.Fprintf(&b, ",%d.%d,%d.5", (a*7+i*13)%100, a%10, (a+i)%9)
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	ktab := big250x10()
	res, err := Read("big.csv", ktab)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range Formats[:2] {
		var buf bytes.Buffer
		if _, err := Write(&buf, f, res.Scenarios[0]); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(string(f)+"-250x10", func(b *testing.B) {
			for b.Loop() {
				if _, err := Read("big"+f.Ext(), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("ktab-csv-250x10", func(b *testing.B) {
		for b.Loop() {
			if _, err := Read("big.csv", ktab); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	res, err := Read("big.csv", big250x10())
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range Formats {
		if f == Simple {
			continue
		}
		b.Run(string(f)+"-250x10", func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if _, err := Write(&buf, f, res.Scenarios[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
