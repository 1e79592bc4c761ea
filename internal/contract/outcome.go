package contract

// RunOutcome is how a whole run of `loginlogs contract` or `loginlogs proxy` ends, as their
// reports say it. A run passes only when it judged something: a green run means the API was
// checked and kept the contract.
type RunOutcome string

// The outcomes of a run.
const (
	// RunPass: something was judged and nothing broke the contract (exit 0).
	RunPass RunOutcome = "PASS"
	// RunFail: the contract was broken (exit 1).
	RunFail RunOutcome = "FAIL"
	// RunInconclusive: nothing broke the contract, but nothing was judged either (no check
	// ran to a verdict; no answer reached the proxy, or none got a verdict), so nothing shows
	// the contract was kept (exit 3, unless the user allows an empty run).
	RunInconclusive RunOutcome = "INCONCLUSIVE"
)

// OutcomeOf returns the outcome of a run that failed or not and judged judged things:
// RunFail, else RunInconclusive when it judged nothing and allowEmpty is false, else RunPass.
func OutcomeOf(failed bool, judged int, allowEmpty bool) RunOutcome {
	switch {
	case failed:
		return RunFail
	case judged == 0 && !allowEmpty:
		return RunInconclusive
	}
	return RunPass
}

// InconclusiveCase is the JUnit testcase of an inconclusive run: an <error> saying why nothing
// was judged, so that CI shows the run as not passed.
func InconclusiveCase(classname, why string) JUnitCase {
	return JUnitCase{Name: "the run judged something", Classname: classname,
		Error: &JUnitProblem{Message: string(RunInconclusive) + ": " + why, Type: "inconclusive"}}
}
