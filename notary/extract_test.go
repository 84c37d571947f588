package notary

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestExtractStrict(t *testing.T) {
	for _, tc := range []struct{ body, pointer, want string }{
		{`{"result":{"price":101234.5}}`, "/result/price", "101234.5"},
		{` {"a":[1,{"b~/c":"x"}]} ` + "\n", "/a/1/b~0~1c", `"x"`},
		{`{"a":{"x":1},"b":{"x":2}}`, "/b/x", "2"},
		{`[1,2]`, "/1", "2"},
	} {
		got, err := Extract([]byte(tc.body), tc.pointer)
		if err != nil || string(got) != tc.want {
			t.Errorf("Extract(%s, %q) = %s, %v; want %s", tc.body, tc.pointer, got, err, tc.want)
		}
	}
	deep := strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1)
	for _, tc := range []struct{ name, body, pointer, want string }{
		{"duplicate on the path", `{"price":1,"price":2}`, "/price", `member "price" appears twice in the object at ""`},
		{"duplicate elsewhere", `{"price":1,"other":{"x":1,"x":2}}`, "/price", `member "x" appears twice in the object at "/other"`},
		{"duplicate in an array's object", `{"a":[0,{"k":1,"k":1}]}`, "/a/0", `member "k" appears twice in the object at "/a/1"`},
		{"duplicate spelled with an escape", `{"price":1,"\u0070rice":2}`, "/price", `member "price" appears twice`},
		{"duplicate whose name needs escaping", `{"a/b":{"~":1,"~":2}}`, "", `at "/a~1b"`},
		{"trailing data", `{"price":1} {"price":2}`, "/price", "data after the JSON value, which ends at byte 11"},
		{"trailing garbage", `{"price":1}x`, "/price", "data after the JSON value"},
		{"trailing comma", `{"price":1,}`, "/price", "invalid character '}'"},
		{"truncated", `{"price":1`, "/price", "ends inside its JSON value"},
		{"empty", " \n", "", "it is empty"},
		{"invalid UTF-8", "{\"s\":\"\xff\"}", "/s", "not valid UTF-8"},
		{"too deep", deep, "", "nests deeper than 1000"},
		{"not JSON", "<html>", "", "response is not JSON the notary reads"},
		{"bad pointer", `{}`, "price", "must be empty or start with '/'"},
	} {
		_, err := Extract([]byte(tc.body), tc.pointer)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// The response must say it is JSON before a pointer applies to it.
func TestRecordResponseExtract(t *testing.T) {
	body := []byte(`{"price":"101234.5"}`)
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON", "application/problem+json", "application/vnd.api+json;v=2"} {
		r := &RecordResponse{Headers: map[string][]string{"content-type": {ct}}, Body: body}
		if v, err := r.Extract("/price"); err != nil || string(v) != `"101234.5"` {
			t.Errorf("Content-Type %q: %s %v", ct, v, err)
		}
	}
	for _, tc := range []struct {
		cts  []string
		want string
	}{
		{nil, "response has 0 Content-Type headers"},
		{[]string{"application/json", "application/json"}, "response has 2 Content-Type headers"},
		{[]string{"text/plain; charset=utf-8"}, `response Content-Type "text/plain; charset=utf-8" is not JSON`},
		{[]string{"text/html"}, "is not JSON"},
		{[]string{"application/jsonp"}, "is not JSON"},
		{[]string{"application/json-seq"}, "is not JSON"},
		{[]string{"application/json;;"}, "does not parse"},
	} {
		r := &RecordResponse{Headers: map[string][]string{}, Body: body}
		if tc.cts != nil {
			r.Headers["content-type"] = tc.cts
		}
		if _, err := r.Extract("/price"); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `pointer "/price"`) {
			t.Errorf("Content-Type %q: %v, want %q", tc.cts, err, tc.want)
		}
	}
}

// Extract never panics; what it returns is JSON; what it accepts
// encoding/json reads the same way, so no reader of the record can see
// another value at the pointer.
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
		{`{"a":1} {"a":2}`, "/a"},
		{`{"a":1,"a":2}`, "/a"},
		{`{"a":1,"\u0061":2}`, "/a"},
		{`{"a":{"b":1,"b":1}}`, ""},
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
		if !json.Valid(body) {
			t.Fatalf("Extract(%q, %q) accepted a body encoding/json calls invalid", body, pointer)
		}
		whole, err := Extract(body, "")
		if err != nil {
			t.Fatalf("Extract(%q, %q) succeeded but the whole document does not: %v", body, pointer, err)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if std, _ := json.Marshal(doc); !bytes.Equal(std, whole) {
			t.Fatalf("Extract(%q, \"\") = %s, encoding/json reads %s", body, whole, std)
		}
	})
}
