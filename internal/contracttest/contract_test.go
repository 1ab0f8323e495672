package contracttest

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestContractIsValid(t *testing.T) {
	doc, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// Validate also checks every default against its schema.
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("api/csum-admin-v1.yaml is not a valid OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
}

// TestContractExamplesFitTheirSchemas checks the JSON Schema examples, which Validate leaves alone.
func TestContractExamplesFitTheirSchemas(t *testing.T) {
	doc, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	checked := map[*openapi3.Schema]bool{} // schemas shared by several components are checked once
	for name, ref := range doc.Components.Schemas {
		err := ref.WalkSubtree(func(path string, s *openapi3.SchemaRef) error {
			if checked[s.Value] {
				return nil
			}
			checked[s.Value] = true
			for _, example := range s.Value.Examples {
				if err := s.Value.VisitJSON(example, openapi3.EnableJSONSchema2020(), uuidFormat); err != nil {
					t.Errorf("schema %s%s: example %v: %v", name, path, example, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(checked) == 0 {
		t.Fatal("no schemas found; the walk is broken")
	}
}
