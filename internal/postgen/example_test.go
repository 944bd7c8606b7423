package postgen_test

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"qx/internal/postgen"
)

// The smallest export with a record: its shape is the shape of every
// generated export.
func ExampleWrite() {
	cfg := postgen.Config{Seed: 1, Records: 1, Controls: 1, Technologies: 1,
		DocTypeSystem: "posture.dtd"} // a local copy of the model, for a validating parser
	if err := postgen.Write(os.Stdout, cfg); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8" ?>
	// <!DOCTYPE POSTURE_INFO_LIST_OUTPUT SYSTEM "posture.dtd">
	// <POSTURE_INFO_LIST_OUTPUT>
	//   <RESPONSE>
	//     <DATETIME>2019-08-12T06:00:00Z</DATETIME>
	//     <INFO_LIST>
	//       <INFO>
	//         <ID>10000</ID>
	//         <HOST_ID>100000</HOST_ID>
	//         <CONTROL_ID>1000</CONTROL_ID>
	//         <TECHNOLOGY_ID>12</TECHNOLOGY_ID>
	//         <INSTANCE></INSTANCE>
	//         <STATUS>Passed</STATUS>
	//         <POSTURE_MODIFIED_DATE>2019-06-28T04:00:34Z</POSTURE_MODIFIED_DATE>
	//         <PREVIOUS_STATUS>Passed</PREVIOUS_STATUS>
	//         <FIRST_PASS_DATE>2019-06-20T21:09:35Z</FIRST_PASS_DATE>
	//         <LAST_PASS_DATE>2019-08-05T18:14:03Z</LAST_PASS_DATE>
	//       </INFO>
	//     </INFO_LIST>
	//     <GLOSSARY>
	//       <HOST_LIST>
	//         <HOST>
	//           <ID>100000</ID>
	//           <IP>10.0.0.1</IP>
	//           <TRACKING_METHOD>IP</TRACKING_METHOD>
	//           <DNS>host1.example.com</DNS>
	//           <OS>Windows 2016</OS>
	//         </HOST>
	//       </HOST_LIST>
	//       <CONTROL_LIST>
	//         <CONTROL>
	//           <ID>1000</ID>
	//           <STATEMENT><![CDATA[Status of the 'remote_login_passwordfile' parameter]]></STATEMENT>
	//           <CRITICALITY>
	//             <LABEL>SERIOUS</LABEL>
	//             <VALUE>3</VALUE>
	//           </CRITICALITY>
	//         </CONTROL>
	//       </CONTROL_LIST>
	//       <TECHNOLOGY_LIST>
	//         <TECHNOLOGY>
	//           <ID>12</ID>
	//           <NAME>Windows 2016</NAME>
	//         </TECHNOLOGY>
	//       </TECHNOLOGY_LIST>
	//     </GLOSSARY>
	//   </RESPONSE>
	// </POSTURE_INFO_LIST_OUTPUT>
}

// A pair of 40 records with one change of each kind per 20 records: two
// of each kind, the other 20 records unchanged.
func ExampleWritePair() {
	var old, new bytes.Buffer
	cfg := postgen.PairConfig{Config: postgen.Config{Seed: 7, Records: 40}, Every: 20}
	cs, err := postgen.WritePair(&old, &new, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cs.OldRecords, cs.NewRecords, cs.Unchanged, len(cs.List))
	fmt.Println(cs.Counts[postgen.Regressed], cs.Counts[postgen.Added])
	fmt.Println(cs.List[0].Kind, cs.List[0].Key.HostID)
	// Output:
	// 38 38 20 20
	// 2 2
	// flapped 100002
}

// A paged export: every page but the last sends the reader on with a
// WARNING of CODE 1980 whose URL carries id_min.
func ExampleWritePages() {
	cfg := postgen.Config{Seed: 1, Records: 2500, PageSize: 1000}
	var pages []*bytes.Buffer
	err := postgen.WritePages(cfg, func(page int64) (io.WriteCloser, error) {
		pages = append(pages, new(bytes.Buffer))
		return nopCloser{pages[page]}, nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, p := range pages {
		fmt.Println(i, bytes.Contains(p.Bytes(), []byte("<CODE>1980</CODE>")))
	}
	// Output:
	// 0 true
	// 1 true
	// 2 false
}
