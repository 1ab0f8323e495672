package provider

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ list.ListResourceWithConfigure = &spaceGroupList{}
	_ spaceGroupListAPI              = (*confluence.Client)(nil)
)

// spaceGroupListAPI is what the space group list resources read of Confluence: the spaces, their groups and,
// for full resources, the groups' members.
type spaceGroupListAPI interface {
	spacegroups.SpaceGroupLister
	spacegroups.MemberReader
}

// spaceGroupList lists the space groups of some spaces, or of every space the caller can see, for
// `terraform query` (Terraform 1.14+): one result per group, identified as the managed resource of the same
// type name identifies it. csum_space_group and csum_space_group_membership list the same groups and differ
// only in the resource a result carries when the query asks for full resources.
type spaceGroupList struct {
	typeName    string // after the provider's type name
	description string
	// state fills a result's resource with the state the managed resource's import and refresh record.
	state  func(ctx context.Context, l *spaceGroupList, found spacegroups.Found, result *list.ListResult)
	data   *providerData
	client spaceGroupListAPI // nil without site credentials
}

type spaceGroupListModel struct {
	SpaceKeys types.List `tfsdk:"space_keys"`
}

func (l *spaceGroupList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeName
}

func (l *spaceGroupList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: l.description,
		Attributes: map[string]listschema.Attribute{
			"space_keys": listschema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The keys of the spaces whose groups to list, e.g. `[\"ENG\", \"OPS\"]`; omitted: every " +
					"space the caller can see. A key of a space that does not exist, or that the caller cannot see, is an " +
					"error that names it. Results come space by space in key order.",
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
		},
	}
}

func (l *spaceGroupList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if l.data != nil && l.data.confluence != nil { // no typed nil: a nil client means none
		l.client = l.data.confluence
	}
}

// List streams one result per group, and stops reading once it has pushed req.Limit results or Terraform
// takes no more. A failure ends the stream with a result that carries the error: Terraform is already
// reading the stream by then, so an error can only travel inside it.
func (l *spaceGroupList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config spaceGroupListModel
	diags := req.Config.Get(ctx, &config)
	var keys []string
	diags.Append(config.SpaceKeys.ElementsAs(ctx, &keys, false)...)
	if !diags.HasError() {
		configured(l.client, l.data.confluenceClient, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	stream.Results = func(push func(list.ListResult) bool) { l.results(ctx, req, keys, push) }
}

// listReaders bounds the results built at once. With include_resource each result reads (a space's access, a
// group's members), and reading the next few while Terraform takes the earlier ones saves waiting for each
// in turn; the provider's pacing applies across them. Results are still pushed in order.
const listReaders = 4

// pendingResult is a result being built, and the warning it gets when it is pushed.
type pendingResult struct {
	result  chan list.ListResult
	warning string
}

func (l *spaceGroupList) results(ctx context.Context, req list.ListRequest, keys []string, push func(list.ListResult) bool) {
	ctx, cancel := context.WithCancel(ctx)
	var queue []pendingResult
	defer func() {
		cancel()
		for _, p := range queue {
			<-p.result // nothing outlives the stream
		}
	}()
	next, stop := iter.Pull2(l.data.site.EachSpaceGroup(ctx, l.client, keys))
	defer stop()
	var taken int64
	ended := false
	for {
		for !ended && len(queue) < listReaders && taken < req.Limit {
			found, err, ok := next()
			if !ok || err != nil {
				ended = true
				if err != nil {
					queue = append(queue, builtResult(errorResult("Could not list the space groups", sentence(err.Error()))))
				}
				break
			}
			taken++
			built, first := make(chan list.ListResult, 1), taken == 1
			go func() { built <- l.result(ctx, req, found, first) }()
			p := pendingResult{result: built}
			if taken == req.Limit {
				// The one group after the limit tells whether the limit cut the listing short; nothing more of it is read.
				if _, err, more := next(); more {
					p.warning = limitWarning(req.Limit, err)
				}
			}
			queue = append(queue, p)
		}
		if len(queue) == 0 {
			return
		}
		result := <-queue[0].result
		warning := queue[0].warning
		queue = queue[1:]
		if result.Diagnostics.HasError() {
			push(result)
			return
		}
		if warning != "" {
			result.Diagnostics.AddWarning("The listing stopped at its limit", warning)
		}
		if !push(result) {
			return
		}
	}
}

// builtResult is a pending result that is already built.
func builtResult(r list.ListResult) pendingResult {
	p := pendingResult{result: make(chan list.ListResult, 1)}
	p.result <- r
	return p
}

// result is the result of one group: its display name, its identity and, when asked for, its resource.
func (l *spaceGroupList) result(ctx context.Context, req list.ListRequest, found spacegroups.Found, first bool) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = found.Space.Key + " / " + found.Group.Name
	if first && !l.data.site.HasApp() {
		result.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
	}
	setGroupIdentity(ctx, result.Identity, found.Space.Key, found.Group.ID, nil, &result.Diagnostics)
	if req.IncludeResource && !result.Diagnostics.HasError() {
		l.state(ctx, l, found, &result)
	}
	return result
}

// errorResult is a result that carries only an error, which ends the listing.
func errorResult(summary, detail string) list.ListResult {
	var diags diagnostics
	diags.AddError(summary, detail)
	return list.ListResult{Diagnostics: diags}
}

// limitWarning says that a listing stopped at its limit before the end, or may have: err is why the group
// after the limit could not be read.
func limitWarning(limit int64, err error) string {
	more := "The spaces have more space groups than that"
	if err != nil {
		more = "Reading on to learn whether the spaces have more space groups failed (" + err.Error() + ")"
	}
	return fmt.Sprintf("This list block returns at most %d results (its limit). %s: raise limit in the list "+
		"block, or narrow space_keys, to see them all.", limit, more)
}
