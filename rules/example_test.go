package rules_test

import (
	"fmt"
	"strings"

	"qx/internal/validate"
	"qx/rules"
)

// A Checker runs the rules of a Set while a document is validated; its
// findings come back with the content model's.
func ExampleSet() {
	doc := `<POSTURE_INFO_LIST_OUTPUT><RESPONSE><DATETIME>2019-09-20T11:00:02Z</DATETIME>
<INFO_LIST><INFO><ID>41769</ID><HOST_ID>686176</HOST_ID><CONTROL_ID>1045</CONTROL_ID>
<TECHNOLOGY_ID>12</TECHNOLOGY_ID><STATUS>Failed</STATUS>
<FIRST_FAIL_DATE>2019-07-09T08:20:59Z</FIRST_FAIL_DATE>
</INFO></INFO_LIST></RESPONSE></POSTURE_INFO_LIST_OUTPUT>`
	set := rules.NewSet(rules.Builtin().RecordRules())
	res, _ := validate.Validate(strings.NewReader(doc),
		validate.Options{Observers: []validate.Observer{set.NewChecker()}})
	for _, f := range res.Findings {
		fmt.Printf("%v %s %s\n%s\n", f.Pos, f.ID, f.Msg, f.Path)
	}
	// Output:
	// 4:1 dates-unpaired FIRST_FAIL_DATE without LAST_FAIL_DATE
	// /POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO[ID='41769']/FIRST_FAIL_DATE
}

// Custom rules are XPath assertions loaded from JSON, listed and explained
// like the built-in ones once added to a catalog.
func ExampleLoad() {
	const file = `{"rules": [{
	  "id": "site-instance-named", "title": "posture records name their instance",
	  "severity": "warning",
	  "records": ["/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO"],
	  "context": "INSTANCE", "assert": "normalize-space(.) != ''",
	  "value": "../ID", "message": "record {../ID} has an empty INSTANCE"}]}`
	rs, err := rules.Load(strings.NewReader(file), "site-rules.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	cat := rules.Builtin()
	if err := cat.Add(rs...); err != nil {
		fmt.Println(err)
		return
	}
	r := cat.Lookup("site-instance-named")
	fmt.Println(r.Kind, r.Severity, r.Origin, r.Assert.Assert)
	// Output:
	// custom warning site-rules.json normalize-space(.) != ''
}

// Pages of one export are resolved once every page is read: a truncated page
// is complete only with the page that starts at its id_min.
func ExampleResolvePages() {
	pages := []rules.PageOf{
		{File: "p1.xml", Page: rules.Page{FirstID: "52001",
			Truncations: []rules.Continuation{{IDMin: "52007"}}}},
		{File: "p3.xml", Page: rules.Page{FirstID: "52020"}},
	}
	for _, f := range rules.ResolvePages(pages) {
		fmt.Println(f.File, f.ID, f.Value)
	}
	// Output:
	// p1.xml page-missing 52007
}
