package compose

import (
	"bytes"
	"os"
	"testing"
)

// Any app-compose either is refused or checks, and encodes to bytes that
// read back and encode again to the same bytes.
func FuzzParse(f *testing.F) {
	golden, err := os.ReadFile("testdata/app-compose.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(`{"manifest_version":"3","name":"x","runner":"docker-compose","docker_compose_file":"services: {a: {image: x, volumes: ['/:/h']}}","init_script":["a","b"],"future":[1.5e3,null]}`))
	f.Add([]byte(`{"manifest_version":2,"name":"x","runner":"bash","bash_script":"sshd","swap_size":"1G","secure_time":false}`))
	f.Add([]byte(`{"manifest_version":2,"name":"x","runner":"bash","name":"y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.json", data)
		if err != nil {
			return
		}
		if _, err := Check(a); err != nil {
			t.Fatalf("Check after Parse: %v", err)
		}
		b, err := Encode(a)
		if err != nil {
			t.Fatalf("Encode after Parse: %v", err)
		}
		back, err := Parse("encoded.json", b)
		if err != nil {
			t.Fatalf("Parse(Encode): %v\n%s", err, b)
		}
		if again, err := Encode(back); err != nil || !bytes.Equal(again, b) {
			t.Fatalf("encoding changed on a second round: %v\n%s\n%s", err, b, again)
		}
	})
}

// Any docker-compose text either is refused or gives an app-compose that
// embeds it exactly and checks.
func FuzzGenerate(f *testing.F) {
	dc, err := os.ReadFile("testdata/docker-compose.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(dc))
	f.Add(oneService("    environment:\n      - A=${B:-${C}}\n      - D\n    ports: [22, {target: 22}]\n    cap_add: [ALL]\n"))
	f.Add("x: &a {image: y}\nservices:\n  s:\n    <<: *a\n    command: $$x ${Y:?}\n")
	f.Add("services: [")
	f.Fuzz(func(t *testing.T, text string) {
		a, err := Generate("fuzz.yaml", []byte(text), Options{Name: "x", AllowedEnvs: []string{"B", "D"}})
		if err != nil {
			return
		}
		if _, err := Check(a); err != nil {
			t.Fatalf("Check after Generate: %v", err)
		}
		b, err := Encode(a)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		back, err := Parse("encoded.json", b)
		if err != nil || back.DockerComposeFile != text {
			t.Fatalf("Parse(Encode): %v, docker_compose_file %q", err, back.DockerComposeFile)
		}
	})
}
