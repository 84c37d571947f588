package notary

import (
	"encoding/json"
	"testing"
)

// Extract never panics, and what it returns is JSON.
func FuzzExtract(f *testing.F) {
	body := `{"result":{"settled":true,"price":"101234.5"},"a/b":[1,2.50,{"m~n":null}],"":"empty","big":123456789012345678901234567890,"s":"<b>&amp; é"}`
	for _, seed := range []struct{ body, pointer string }{
		{body, ""},
		{body, "/result/settled"},
		{body, "/result/price"},
		{body, "/a~1b/1"},
		{body, "/a~1b/2/m~0n"},
		{body, "/a~1b/01"},
		{body, "/a~1b/-"},
		{body, "/"},
		{body, "/big"},
		{body, "/s"},
		{body, "result"},
		{body, "/result/settled/x"},
		{`[1,[2,[3]]]`, "/1/1/0"},
		{`"just a string"`, ""},
		{`{"a":1} trailing`, "/a"},
		{`{"a":`, "/a"},
		{"", ""},
		{`{"a":"\ud800"}`, "/a"},
		{"{\"a\":\"\xff\"}", "/a"},
	} {
		f.Add([]byte(seed.body), seed.pointer)
	}
	f.Fuzz(func(t *testing.T, body []byte, pointer string) {
		v, err := Extract(body, pointer)
		if err != nil {
			return
		}
		if !json.Valid(v) {
			t.Fatalf("Extract(%q, %q) = %q, which is not JSON", body, pointer, v)
		}
	})
}
