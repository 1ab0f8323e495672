package provider

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/csum-tools/terraform-provider-csum/internal/orgusers"
)

// encodeOrgUsersState encodes csum_org_users' state as MessagePack, the form Terraform's protocol carries:
// the model's own attributes through the framework, and users written straight from the domain's users.
// Terraform values of 50,000 users, and the framework's semantic-equality pass, copies and walks over them,
// took several hundred megabytes; encoded, they take about fourteen.
func encodeOrgUsersState(ctx context.Context, config tfsdk.Config, m orgUsersModel, users []orgusers.User) (*tfprotov6.DynamicValue, error) {
	st := tfsdk.State{Schema: config.Schema, Raw: tftypes.NewValue(config.Raw.Type(), nil)}
	m.Users = types.MapNull(orgUserType)
	if diags := st.Set(ctx, &m); diags.HasError() {
		return nil, fmt.Errorf("setting the arguments: %v", diags)
	}
	var attrs map[string]tftypes.Value
	if err := st.Raw.As(&attrs); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	if err := enc.EncodeMapLen(len(attrs)); err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name == "users" {
			if err := encodeOrgUsers(enc, users); err != nil {
				return nil, err
			}
			continue
		}
		v, err := tfprotov6.NewDynamicValue(attrs[name].Type(), attrs[name])
		if err != nil {
			return nil, err
		}
		if _, err := enc.Writer().Write(v.MsgPack); err != nil {
			return nil, err
		}
	}
	return &tfprotov6.DynamicValue{MsgPack: buf.Bytes()}, nil
}

// encodeOrgUsers writes the users attribute: a map by account ID of objects whose attributes are in the
// schema's (orgUserType's) names, in sorted order as Terraform writes objects.
func encodeOrgUsers(enc *msgpack.Encoder, users []orgusers.User) error {
	w := msgpackWriter{enc: enc}
	w.mapLen(len(users))
	for _, u := range users {
		w.str(u.AccountID)
		w.mapLen(6)
		w.str("email")
		w.strOrNil(u.Email)
		w.str("inactivity")
		w.strOrNil(string(u.Inactivity))
		w.str("last_active")
		w.time(u.LastActive)
		w.str("name")
		w.str(u.Name)
		w.str("product_access")
		w.arrayLen(len(u.ProductAccess))
		for _, p := range u.ProductAccess {
			w.mapLen(3)
			w.str("id")
			w.str(p.ID)
			w.str("key")
			w.str(p.Key)
			w.str("last_active")
			w.time(p.LastActive)
		}
		w.str("status")
		w.str(u.Status)
	}
	return w.err
}

// msgpackWriter keeps the first error of a series of writes.
type msgpackWriter struct {
	enc *msgpack.Encoder
	err error
}

func (w *msgpackWriter) do(f func() error) {
	if w.err == nil {
		w.err = f()
	}
}

func (w *msgpackWriter) mapLen(n int)   { w.do(func() error { return w.enc.EncodeMapLen(n) }) }
func (w *msgpackWriter) arrayLen(n int) { w.do(func() error { return w.enc.EncodeArrayLen(n) }) }
func (w *msgpackWriter) str(s string)   { w.do(func() error { return w.enc.EncodeString(s) }) }

// strOrNil writes s, or null when the API gave nothing.
func (w *msgpackWriter) strOrNil(s string) {
	if s == "" {
		w.do(w.enc.EncodeNil)
		return
	}
	w.str(s)
}

// time writes an RFC 3339 time, or null for the zero time (never).
func (w *msgpackWriter) time(t time.Time) {
	if t.IsZero() {
		w.do(w.enc.EncodeNil)
		return
	}
	w.str(t.UTC().Format(time.RFC3339))
}
