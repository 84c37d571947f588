// Package oracle runs a notary against one PredictionMarket: it watches
// the contract for Created events, keeps the markets not yet closed as the
// notary.Service's market book, observes each market on its own when its
// window opens (retrying while it is open, after checking the notary's
// clock against the chain's head and the source's Date header), publishes
// the observation through the service and, given a funded key, submits it
// to the contract.
//
// Nothing it keeps decides an outcome: the contract takes the earliest
// valid observation submitted by anyone before the market closes, so a
// restarted or duplicated oracle only adds observations that lose to
// earlier ones. It does not handle chain reorganizations: a Created event
// that a reorg drops or moves is seen as first scanned, and the scan does
// not go back.
package oracle
