package attest

// BootInfo is what dstack's KMS asks an app's authorization contract about
// an instance before it hands out the app's keys (IAppAuth.AppBootInfo on
// chain). The KMS reads it from the instance's quote and event log.
type BootInfo struct {
	AppID        [20]byte
	ComposeHash  [32]byte
	InstanceID   [20]byte
	DeviceID     [32]byte
	MRAggregated [32]byte
	MRSystem     [32]byte
	OSImageHash  [32]byte
	TCBStatus    string
	AdvisoryIDs  []string
}
