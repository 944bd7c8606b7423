package postgen

// The tables below give generated records plausible names and text. Text that
// lands in CDATA sections deliberately holds '<', '>' and '&' so that readers
// are exercised on characters that would need escaping elsewhere.

// technology is one row of the TECHNOLOGY_LIST glossary. A technology with a
// prefix is an application whose controls are evaluated per named instance;
// one without is an operating system, evaluated once per host.
type technology struct {
	id     int64
	name   string
	prefix string
	port   int64
	sid    string
}

// technologies alternates operating systems and applications so that any
// leading slice of it holds at least one operating system.
var technologies = []technology{
	{id: 12, name: "Windows 2016"},
	{id: 91, name: "Oracle 19c", prefix: "oracle19", port: 1521, sid: "ORCL"},
	{id: 45, name: "Red Hat Enterprise Linux 7.x"},
	{id: 77, name: "Microsoft SQL Server 2017", prefix: "mssql2017", port: 1433,
		sid: "MSSQLSERVER"},
	{id: 118, name: "Ubuntu 18.x"},
	{id: 200, name: "PostgreSQL 11.x", prefix: "postgres11", port: 5432, sid: "postgres"},
	{id: 105, name: "Windows 2019"},
	{id: 62, name: "Apache HTTP Server 2.4.x", prefix: "apache24", port: 443, sid: "httpd"},
	{id: 88, name: "CentOS 7.x"},
	{id: 150, name: "MySQL 8.x", prefix: "mysql8", port: 3306, sid: "mysqld"},
}

// statements are control STATEMENT texts.
var statements = []string{
	"Status of the 'Clipbook' service",
	"Status of the 'Remote Registry' service",
	"Status of the 'Minimum password length' setting",
	"Status of the 'Account lockout threshold' setting",
	"Status of the 'Audit: Force audit policy subcategory settings <Windows Vista or later>' " +
		"setting",
	"Status of the 'Network access: Do not allow anonymous enumeration of SAM accounts & " +
		"shares' setting",
	"Status of the permissions set on 'C:\\Windows\\System32\\config\\SAM'",
	"Status of the permissions set on '/etc/shadow'",
	"Status of the 'PermitRootLogin' setting in sshd_config",
	"Status of the 'audit_trail' parameter",
	"Status of the 'remote_login_passwordfile' parameter",
	"Status of the 'log_connections' setting (PostgreSQL >= 9.x)",
}

// criticalities are the CRITICALITY labels; a label's VALUE is its index + 1.
var criticalities = []string{"MINIMAL", "MEDIUM", "SERIOUS", "CRITICAL", "URGENT"}

// remediations are REMEDIATION texts; some span lines, as real ones do.
var remediations = []string{
	"Set 'Minimum password length' to 14 or more characters & apply it through Group Policy:\n" +
		"Computer Configuration > Windows Settings > Security Settings > Account Policies > " +
		"Password Policy.",
	"Disable the service from an elevated prompt with 'sc config <name> start= disabled', " +
		"then stop it.",
	"Edit /etc/ssh/sshd_config so that 'PermitRootLogin no' is set, " +
		"then run 'systemctl restart sshd'.",
	"Restrict the file to mode 0600 & owner root:root: chmod 600 <file> && chown root:root <file>.",
	"Set the initialization parameter with ALTER SYSTEM SET <parameter> = FALSE SCOPE = SPFILE;\n" +
		"then restart the instance for the value to take effect.",
	"Set 'Account lockout threshold' to a value > 0 and <= 10 invalid logon attempts.",
}

// expressions are EVIDENCE/BOOLEAN_EXPR texts and how many data points each
// names (:dp_1 .. :dp_n).
var expressions = []struct {
	text   string
	points int
}{
	{"(:dp_1 in #fv_1)", 1},
	{"(:dp_1 >= #fv_1)", 1},
	{"(:dp_1 in #fv_1) and (:dp_2 in #fv_2)", 2},
	{"((:dp_1 matches #fv_1) or (:dp_2 matches #fv_2)) and (:dp_3 <= #fv_3)", 3},
}

// maxPoints is the most data points any expression names.
const maxPoints = 3

// pointValues are the texts of DPV/V.
var pointValues = []string{
	"0", "1", "3", "4", "14", "24", "90",
	"Disabled", "Enabled", "Automatic", "Manual",
	"Administrators, Backup Operators", "root:root 0600", "#NOT_FOUND",
	"PermitRootLogin no", "Success and Failure",
}
