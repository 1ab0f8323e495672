package legacy

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// readCurrent reads a format-2 file as strictly as the admin API does, its version already checked.
func readCurrent(root object) (*Result, *Error) {
	var ws warnings
	var export csumdoc.Export
	if err := decodeStrict(root, reflect.ValueOf(&export).Elem(), "", ws.add); err != nil {
		return nil, err
	}
	// Checked as written, before normalising, so that paths and repeats are those of the file.
	warnBrokenRules(export.Settings, export.PermissionSchemes,
		func(p string) string { return "/settings" + p },
		func(p string) string { return "/permissionSchemes" + p }, ws.add)
	return &Result{
		Format:            2,
		Settings:          normaliseSettings(export.Settings),
		PermissionSchemes: normaliseSchemes(export.PermissionSchemes),
		Warnings:          ws,
	}, nil
}

// decodeStrict stores a decoded JSON value into dst, following dst's json tags: exact kinds, every field
// without omitempty required, null only for pointers, unknown object keys reported as warnings.
func decodeStrict(v any, dst reflect.Value, path string, warn warnFunc) *Error {
	switch dst.Kind() {
	case reflect.Pointer:
		if v == nil {
			dst.SetZero()
			return nil
		}
		elem := reflect.New(dst.Type().Elem())
		if err := decodeStrict(v, elem.Elem(), path, warn); err != nil {
			return err
		}
		dst.Set(elem)
	case reflect.Struct:
		obj, ok := v.(object)
		if !ok {
			return failAt(path, "must be an object, not %s", describe(v))
		}
		return decodeStruct(obj, dst, path, warn)
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return failAt(path, "must be an array, not %s", describe(v))
		}
		out := reflect.MakeSlice(dst.Type(), len(list), len(list))
		for i, item := range list {
			if err := decodeStrict(item, out.Index(i), path+"/"+strconv.Itoa(i), warn); err != nil {
				return err
			}
		}
		dst.Set(out)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return failAt(path, "must be true or false, not %s", describe(v))
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		i, err := strconv.ParseInt(string(n), 10, 64)
		if !ok || err != nil {
			return failAt(path, "must be a whole number, not %s", describe(v))
		}
		dst.SetInt(i)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return failAt(path, "must be a string, not %s", describe(v))
		}
		dst.SetString(s)
	default:
		panic("legacy: decodeStrict cannot fill a " + dst.Type().String())
	}
	return nil
}

func decodeStruct(obj object, dst reflect.Value, path string, warn warnFunc) *Error {
	known := make([]string, 0, dst.NumField())
	for i := range dst.NumField() {
		name, options, _ := strings.Cut(dst.Type().Field(i).Tag.Get("json"), ",")
		known = append(known, name)
		value, found := obj.get(name)
		fieldPath := pointerJoin(path, name)
		if !found {
			if strings.Contains(options, "omitempty") {
				continue
			}
			return failAt(fieldPath, "missing; a format-2 export carries every field")
		}
		if err := decodeStrict(value, dst.Field(i), fieldPath, warn); err != nil {
			return err
		}
	}
	warnUnknownKeys(obj, path, warn, known...)
	return nil
}
