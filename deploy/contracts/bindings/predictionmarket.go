// Code generated - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/event"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = errors.New
	_ = big.NewInt
	_ = strings.NewReader
	_ = ethereum.NotFound
	_ = bind.Bind
	_ = common.Big1
	_ = types.BloomLookup
	_ = event.NewSubscription
	_ = abi.ConvertType
	_ = time.Tick
	_ = context.Background
)

// PredictionMarketStatement is an auto generated low-level Go binding around an user-defined struct.
type PredictionMarketStatement struct {
	RequestHash  [32]byte
	ResponseHash [32]byte
	SessionHash  [32]byte
	Value        []byte
	ObservedAt   uint64
}

// PredictionMarketMetaData contains all meta data concerning the PredictionMarket contract.
var PredictionMarketMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"registry_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AlreadyResolved\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadValue\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BettingClosed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MarketExists\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoMarket\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotResolved\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToClaim\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UnknownSigner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Bet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"name\":\"Created\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"}],\"name\":\"Resolved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"}],\"name\":\"bet\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"name\":\"create\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"}],\"name\":\"digest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"markets\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"resolved\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"yesPool\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"noPool\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"noStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"yesStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	Bin: "0x60a0604052348015600e575f5ffd5b50604051610fd8380380610fd8833981016040819052602b91603b565b6001600160a01b03166080526066565b5f60208284031215604a575f5ffd5b81516001600160a01b0381168114605f575f5ffd5b9392505050565b608051610f536100855f395f81816101eb015261096a0152610f535ff3fe608060405260043610610084575f3560e01c80637a93ae43116100575780637a93ae43146101a45780637b103999146101da57806399159b8914610225578063bd66528a14610244578063f9efcba414610263575f5ffd5b80631ba77131146100885780633b977870146100d1578063633b8f0a146100f05780637564912b14610105575b5f5ffd5b348015610093575f5ffd5b506100be6100a2366004610c01565b600260209081525f928352604080842090915290825290205481565b6040519081526020015b60405180910390f35b3480156100dc575f5ffd5b506100be6100eb366004610c50565b610282565b6101036100fe366004610ca3565b610420565b005b348015610110575f5ffd5b5061016661011f366004610cc6565b5f6020819052908152604090208054600182015460029092015460ff8083169361010084048216936201000081049092169263010000009092046001600160401b03169186565b6040805196151587529415156020870152921515938501939093526001600160401b03166060840152608083019190915260a082015260c0016100c8565b3480156101af575f5ffd5b506100be6101be366004610c01565b600160209081525f928352604080842090915290825290205481565b3480156101e5575f5ffd5b5061020d7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100c8565b348015610230575f5ffd5b5061010361023f366004610cf8565b61056d565b34801561024f575f5ffd5b5061010361025e366004610cc6565b61068d565b34801561026e575f5ffd5b5061010361027d366004610d22565b610892565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fb18ffd20fd599b20a770511d218b9ac4d65d4a8ea9c9990a4a3630be75cde58d918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f90819060c00160408051601f19818403018152918152815160209283012092505f917f44e591ed66569479d25a1534346693d0cdefd81a704fc5236001e7fa642d883691863591870135908701356103626060890189610dbc565b604051610370929190610e05565b60405190819003902061038960a08a0160808b01610e14565b6040805160208101979097528601949094526060850192909252608084015260a08301526001600160401b031660c082015260e081018690526101000160408051601f1981840301815290829052805160209182012061190160f01b918301919091526022820184905260428201819052915060620160405160208183030381529060405280519060200120925050505b92915050565b5f828152602081905260409020805460ff1661044f57604051631e3700c360e21b815260040160405180910390fd5b8054610100900460ff168061047557508054630100000090046001600160401b03164210155b15610493576040516330e2a62560e11b815260040160405180910390fd5b81156104e45734816001015f8282546104ac9190610e48565b90915550505f838152600160209081526040808320338452909152812080543492906104d9908490610e48565b9091555061052a9050565b34816002015f8282546104f79190610e48565b90915550505f83815260026020908152604080832033845290915281208054349290610524908490610e48565b90915550505b604080518315158152346020820152339185917f4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a910160405180910390a3505050565b5f8281526020819052604090205460ff161561059c57604051638fc6f59b60e01b815260040160405180910390fd5b6040805160c08101825260018082525f60208084018281528486018381526001600160401b03888116606088018181526080890187815260a08a018881528d8952888852978b902099518a5496519551925161ffff1990971690151561ff0019161761010095151595909502949094176affffffffffffffffff0000191662010000911515919091026affffffffffffffff0000001916176301000000949092169390930217865551938501939093559051600290930192909255915191825283917f561f173dfa1d5bf4270fa0f291cb6d61a9dadc33323a1ac20282b884bba51fe8910160405180910390a25050565b5f8181526020819052604090208054610100900460ff166106c157604051639f4a648960e01b815260040160405180910390fd5b5f828152600160209081526040808320338085529083528184205486855260028452828520918552925282205483549192909162010000900460ff1661070b578360020154610711565b83600101545b90505f815f0361072c576107258385610e48565b9050610774565b84545f9062010000900460ff166107435783610745565b845b9050828660020154876001015461075c9190610e48565b6107669083610e5b565b6107709190610e72565b9150505b5f868152600160209081526040808320338085529083528184208490558984526002835281842090845290915281208190558190036107c6576040516312d37ee560e31b815260040160405180910390fd5b604051818152339087907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9060200160405180910390a36040515f90339083908381818185875af1925050503d805f811461083c576040519150601f19603f3d011682016040523d82523d5f602084013e610841565b606091505b50509050806108895760405162461bcd60e51b815260206004820152600f60248201526e1d1c985b9cd9995c8819985a5b1959608a1b60448201526064015b60405180910390fd5b50505050505050565b5f848152602081905260409020805460ff166108c157604051631e3700c360e21b815260040160405180910390fd5b8054610100900460ff16156108e9576040516336ab81e160e11b815260040160405180910390fd5b8054630100000090046001600160401b031661090b60a0860160808701610e14565b6001600160401b031610156109335760405163085de62560e01b815260040160405180910390fd5b5f6109486109418787610282565b8585610af1565b604051637df73e2760e01b81526001600160a01b0380831660048301529192507f000000000000000000000000000000000000000000000000000000000000000090911690637df73e2790602401602060405180830381865afa1580156109b1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109d59190610e91565b6109fd57604051636bf4516160e11b81526001600160a01b0382166004820152602401610880565b610a0a6060860186610dbc565b9050602014610a2c57604051630bba69fb60e01b815260040160405180910390fd5b5f610a3a6060870187610dbc565b610a4391610eac565b90506001811115610a6757604051630bba69fb60e01b815260040160405180910390fd5b82546201000060018314810262ffff00199092169190911761010017808555604080518a937fe1fdf6e9da32b0ff847e9fbead010f5d7a702a2d22cf4a419da448b4f59273d893610ae09391900460ff169187918c01359092151583526001600160a01b03919091166020830152604082015260600190565b60405180910390a250505050505050565b5f60418214610b1357604051635cd5d23360e01b815260040160405180910390fd5b5f83836040818110610b2757610b27610ec9565b919091013560f81c915050601b811015610b4957610b46601b82610edd565b90505b60018582610b5a60205f888a610ef6565b610b6391610eac565b610b7160406020898b610ef6565b610b7a91610eac565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa158015610bc5573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b038216610bf957604051635cd5d23360e01b815260040160405180910390fd5b509392505050565b5f5f60408385031215610c12575f5ffd5b8235915060208301356001600160a01b0381168114610c2f575f5ffd5b809150509250929050565b5f60a08284031215610c4a575f5ffd5b50919050565b5f5f60408385031215610c61575f5ffd5b8235915060208301356001600160401b03811115610c7d575f5ffd5b610c8985828601610c3a565b9150509250929050565b8015158114610ca0575f5ffd5b50565b5f5f60408385031215610cb4575f5ffd5b823591506020830135610c2f81610c93565b5f60208284031215610cd6575f5ffd5b5035919050565b80356001600160401b0381168114610cf3575f5ffd5b919050565b5f5f60408385031215610d09575f5ffd5b82359150610d1960208401610cdd565b90509250929050565b5f5f5f5f60608587031215610d35575f5ffd5b8435935060208501356001600160401b03811115610d51575f5ffd5b610d5d87828801610c3a565b93505060408501356001600160401b03811115610d78575f5ffd5b8501601f81018713610d88575f5ffd5b80356001600160401b03811115610d9d575f5ffd5b876020828401011115610dae575f5ffd5b949793965060200194505050565b5f5f8335601e19843603018112610dd1575f5ffd5b8301803591506001600160401b03821115610dea575f5ffd5b602001915036819003821315610dfe575f5ffd5b9250929050565b818382375f9101908152919050565b5f60208284031215610e24575f5ffd5b610e2d82610cdd565b9392505050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561041a5761041a610e34565b808202811582820484141761041a5761041a610e34565b5f82610e8c57634e487b7160e01b5f52601260045260245ffd5b500490565b5f60208284031215610ea1575f5ffd5b8151610e2d81610c93565b8035602083101561041a575f19602084900360031b1b1692915050565b634e487b7160e01b5f52603260045260245ffd5b60ff818116838216019081111561041a5761041a610e34565b5f5f85851115610f04575f5ffd5b83861115610f10575f5ffd5b505082019391909203915056fea26469706673582212205bc3b933f0aa66a890a58af123a08e51a4397f23c2082c464a416c633a34c48e64736f6c634300081c0033",
}

// PredictionMarketABI is the input ABI used to generate the binding from.
// Deprecated: Use PredictionMarketMetaData.ABI instead.
var PredictionMarketABI = PredictionMarketMetaData.ABI

// PredictionMarketBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use PredictionMarketMetaData.Bin instead.
var PredictionMarketBin = PredictionMarketMetaData.Bin

// DeployPredictionMarket deploys a new Ethereum contract, binding an instance of PredictionMarket to it.
func DeployPredictionMarket(auth *bind.TransactOpts, backend bind.ContractBackend, registry_ common.Address) (common.Address, *types.Transaction, *PredictionMarket, error) {
	parsed, err := PredictionMarketMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(PredictionMarketBin), backend, registry_)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &PredictionMarket{PredictionMarketCaller: PredictionMarketCaller{contract: contract}, PredictionMarketTransactor: PredictionMarketTransactor{contract: contract}, PredictionMarketFilterer: PredictionMarketFilterer{contract: contract}}, nil
}

// PredictionMarket is an auto generated Go binding around an Ethereum contract.
type PredictionMarket struct {
	PredictionMarketCaller     // Read-only binding to the contract
	PredictionMarketTransactor // Write-only binding to the contract
	PredictionMarketFilterer   // Log filterer for contract events
}

// PredictionMarketCaller is an auto generated read-only Go binding around an Ethereum contract.
type PredictionMarketCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketTransactor is an auto generated write-only Go binding around an Ethereum contract.
type PredictionMarketTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type PredictionMarketFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type PredictionMarketSession struct {
	Contract     *PredictionMarket // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// PredictionMarketCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type PredictionMarketCallerSession struct {
	Contract *PredictionMarketCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts           // Call options to use throughout this session
}

// PredictionMarketTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type PredictionMarketTransactorSession struct {
	Contract     *PredictionMarketTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts           // Transaction auth options to use throughout this session
}

// PredictionMarketRaw is an auto generated low-level Go binding around an Ethereum contract.
type PredictionMarketRaw struct {
	Contract *PredictionMarket // Generic contract binding to access the raw methods on
}

// PredictionMarketCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type PredictionMarketCallerRaw struct {
	Contract *PredictionMarketCaller // Generic read-only contract binding to access the raw methods on
}

// PredictionMarketTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type PredictionMarketTransactorRaw struct {
	Contract *PredictionMarketTransactor // Generic write-only contract binding to access the raw methods on
}

// NewPredictionMarket creates a new instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarket(address common.Address, backend bind.ContractBackend) (*PredictionMarket, error) {
	contract, err := bindPredictionMarket(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &PredictionMarket{PredictionMarketCaller: PredictionMarketCaller{contract: contract}, PredictionMarketTransactor: PredictionMarketTransactor{contract: contract}, PredictionMarketFilterer: PredictionMarketFilterer{contract: contract}}, nil
}

// NewPredictionMarketCaller creates a new read-only instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketCaller(address common.Address, caller bind.ContractCaller) (*PredictionMarketCaller, error) {
	contract, err := bindPredictionMarket(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketCaller{contract: contract}, nil
}

// NewPredictionMarketTransactor creates a new write-only instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketTransactor(address common.Address, transactor bind.ContractTransactor) (*PredictionMarketTransactor, error) {
	contract, err := bindPredictionMarket(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketTransactor{contract: contract}, nil
}

// NewPredictionMarketFilterer creates a new log filterer instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketFilterer(address common.Address, filterer bind.ContractFilterer) (*PredictionMarketFilterer, error) {
	contract, err := bindPredictionMarket(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketFilterer{contract: contract}, nil
}

// bindPredictionMarket binds a generic wrapper to an already deployed contract.
func bindPredictionMarket(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := PredictionMarketMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_PredictionMarket *PredictionMarketRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _PredictionMarket.Contract.PredictionMarketCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_PredictionMarket *PredictionMarketRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _PredictionMarket.Contract.PredictionMarketTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_PredictionMarket *PredictionMarketRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _PredictionMarket.Contract.PredictionMarketTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_PredictionMarket *PredictionMarketCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _PredictionMarket.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_PredictionMarket *PredictionMarketTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _PredictionMarket.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_PredictionMarket *PredictionMarketTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _PredictionMarket.Contract.contract.Transact(opts, method, params...)
}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketCaller) Digest(opts *bind.CallOpts, id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "digest", id, st)

	if err != nil {
		return *new([32]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)

	return out0, err

}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketSession) Digest(id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	return _PredictionMarket.Contract.Digest(&_PredictionMarket.CallOpts, id, st)
}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketCallerSession) Digest(id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	return _PredictionMarket.Contract.Digest(&_PredictionMarket.CallOpts, id, st)
}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketCaller) Markets(opts *bind.CallOpts, arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	YesPool      *big.Int
	NoPool       *big.Int
}, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "markets", arg0)

	outstruct := new(struct {
		Exists       bool
		Resolved     bool
		Outcome      bool
		ResolveAfter uint64
		YesPool      *big.Int
		NoPool       *big.Int
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.Exists = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Resolved = *abi.ConvertType(out[1], new(bool)).(*bool)
	outstruct.Outcome = *abi.ConvertType(out[2], new(bool)).(*bool)
	outstruct.ResolveAfter = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.YesPool = *abi.ConvertType(out[4], new(*big.Int)).(**big.Int)
	outstruct.NoPool = *abi.ConvertType(out[5], new(*big.Int)).(**big.Int)

	return *outstruct, err

}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	YesPool      *big.Int
	NoPool       *big.Int
}, error) {
	return _PredictionMarket.Contract.Markets(&_PredictionMarket.CallOpts, arg0)
}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketCallerSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	YesPool      *big.Int
	NoPool       *big.Int
}, error) {
	return _PredictionMarket.Contract.Markets(&_PredictionMarket.CallOpts, arg0)
}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCaller) NoStake(opts *bind.CallOpts, arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "noStake", arg0, arg1)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketSession) NoStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.NoStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCallerSession) NoStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.NoStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketCaller) Registry(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "registry")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketSession) Registry() (common.Address, error) {
	return _PredictionMarket.Contract.Registry(&_PredictionMarket.CallOpts)
}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketCallerSession) Registry() (common.Address, error) {
	return _PredictionMarket.Contract.Registry(&_PredictionMarket.CallOpts)
}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCaller) YesStake(opts *bind.CallOpts, arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "yesStake", arg0, arg1)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketSession) YesStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.YesStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCallerSession) YesStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.YesStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketTransactor) Bet(opts *bind.TransactOpts, id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "bet", id, yes)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketSession) Bet(id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Bet(&_PredictionMarket.TransactOpts, id, yes)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Bet(id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Bet(&_PredictionMarket.TransactOpts, id, yes)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketTransactor) Claim(opts *bind.TransactOpts, id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "claim", id)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketSession) Claim(id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Claim(&_PredictionMarket.TransactOpts, id)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Claim(id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Claim(&_PredictionMarket.TransactOpts, id)
}

// Create is a paid mutator transaction binding the contract method 0x99159b89.
//
// Solidity: function create(bytes32 id, uint64 resolveAfter) returns()
func (_PredictionMarket *PredictionMarketTransactor) Create(opts *bind.TransactOpts, id [32]byte, resolveAfter uint64) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "create", id, resolveAfter)
}

// Create is a paid mutator transaction binding the contract method 0x99159b89.
//
// Solidity: function create(bytes32 id, uint64 resolveAfter) returns()
func (_PredictionMarket *PredictionMarketSession) Create(id [32]byte, resolveAfter uint64) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, resolveAfter)
}

// Create is a paid mutator transaction binding the contract method 0x99159b89.
//
// Solidity: function create(bytes32 id, uint64 resolveAfter) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Create(id [32]byte, resolveAfter uint64) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, resolveAfter)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketTransactor) Resolve(opts *bind.TransactOpts, id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "resolve", id, st, signature)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketSession) Resolve(id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Resolve(&_PredictionMarket.TransactOpts, id, st, signature)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Resolve(id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Resolve(&_PredictionMarket.TransactOpts, id, st, signature)
}

// PredictionMarketBetIterator is returned from FilterBet and is used to iterate over the raw logs and unpacked data for Bet events raised by the PredictionMarket contract.
type PredictionMarketBetIterator struct {
	Event *PredictionMarketBet // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *PredictionMarketBetIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketBet)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(PredictionMarketBet)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *PredictionMarketBetIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketBetIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketBet represents a Bet event raised by the PredictionMarket contract.
type PredictionMarketBet struct {
	Id     [32]byte
	Who    common.Address
	Yes    bool
	Amount *big.Int
	Raw    types.Log // Blockchain specific contextual infos
}

// FilterBet is a free log retrieval operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) FilterBet(opts *bind.FilterOpts, id [][32]byte, who []common.Address) (*PredictionMarketBetIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Bet", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketBetIterator{contract: _PredictionMarket.contract, event: "Bet", logs: logs, sub: sub}, nil
}

// WatchBet is a free log subscription operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) WatchBet(opts *bind.WatchOpts, sink chan<- *PredictionMarketBet, id [][32]byte, who []common.Address) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Bet", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketBet)
				if err := _PredictionMarket.contract.UnpackLog(event, "Bet", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseBet is a log parse operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) ParseBet(log types.Log) (*PredictionMarketBet, error) {
	event := new(PredictionMarketBet)
	if err := _PredictionMarket.contract.UnpackLog(event, "Bet", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketClaimedIterator is returned from FilterClaimed and is used to iterate over the raw logs and unpacked data for Claimed events raised by the PredictionMarket contract.
type PredictionMarketClaimedIterator struct {
	Event *PredictionMarketClaimed // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *PredictionMarketClaimedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketClaimed)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(PredictionMarketClaimed)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *PredictionMarketClaimedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketClaimedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketClaimed represents a Claimed event raised by the PredictionMarket contract.
type PredictionMarketClaimed struct {
	Id     [32]byte
	Who    common.Address
	Amount *big.Int
	Raw    types.Log // Blockchain specific contextual infos
}

// FilterClaimed is a free log retrieval operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) FilterClaimed(opts *bind.FilterOpts, id [][32]byte, who []common.Address) (*PredictionMarketClaimedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Claimed", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketClaimedIterator{contract: _PredictionMarket.contract, event: "Claimed", logs: logs, sub: sub}, nil
}

// WatchClaimed is a free log subscription operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) WatchClaimed(opts *bind.WatchOpts, sink chan<- *PredictionMarketClaimed, id [][32]byte, who []common.Address) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Claimed", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketClaimed)
				if err := _PredictionMarket.contract.UnpackLog(event, "Claimed", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseClaimed is a log parse operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) ParseClaimed(log types.Log) (*PredictionMarketClaimed, error) {
	event := new(PredictionMarketClaimed)
	if err := _PredictionMarket.contract.UnpackLog(event, "Claimed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketCreatedIterator is returned from FilterCreated and is used to iterate over the raw logs and unpacked data for Created events raised by the PredictionMarket contract.
type PredictionMarketCreatedIterator struct {
	Event *PredictionMarketCreated // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *PredictionMarketCreatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketCreated)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(PredictionMarketCreated)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *PredictionMarketCreatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketCreatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketCreated represents a Created event raised by the PredictionMarket contract.
type PredictionMarketCreated struct {
	Id           [32]byte
	ResolveAfter uint64
	Raw          types.Log // Blockchain specific contextual infos
}

// FilterCreated is a free log retrieval operation binding the contract event 0x561f173dfa1d5bf4270fa0f291cb6d61a9dadc33323a1ac20282b884bba51fe8.
//
// Solidity: event Created(bytes32 indexed id, uint64 resolveAfter)
func (_PredictionMarket *PredictionMarketFilterer) FilterCreated(opts *bind.FilterOpts, id [][32]byte) (*PredictionMarketCreatedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Created", idRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketCreatedIterator{contract: _PredictionMarket.contract, event: "Created", logs: logs, sub: sub}, nil
}

// WatchCreated is a free log subscription operation binding the contract event 0x561f173dfa1d5bf4270fa0f291cb6d61a9dadc33323a1ac20282b884bba51fe8.
//
// Solidity: event Created(bytes32 indexed id, uint64 resolveAfter)
func (_PredictionMarket *PredictionMarketFilterer) WatchCreated(opts *bind.WatchOpts, sink chan<- *PredictionMarketCreated, id [][32]byte) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Created", idRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketCreated)
				if err := _PredictionMarket.contract.UnpackLog(event, "Created", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseCreated is a log parse operation binding the contract event 0x561f173dfa1d5bf4270fa0f291cb6d61a9dadc33323a1ac20282b884bba51fe8.
//
// Solidity: event Created(bytes32 indexed id, uint64 resolveAfter)
func (_PredictionMarket *PredictionMarketFilterer) ParseCreated(log types.Log) (*PredictionMarketCreated, error) {
	event := new(PredictionMarketCreated)
	if err := _PredictionMarket.contract.UnpackLog(event, "Created", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketResolvedIterator is returned from FilterResolved and is used to iterate over the raw logs and unpacked data for Resolved events raised by the PredictionMarket contract.
type PredictionMarketResolvedIterator struct {
	Event *PredictionMarketResolved // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *PredictionMarketResolvedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketResolved)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(PredictionMarketResolved)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *PredictionMarketResolvedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketResolvedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketResolved represents a Resolved event raised by the PredictionMarket contract.
type PredictionMarketResolved struct {
	Id          [32]byte
	Outcome     bool
	Signer      common.Address
	SessionHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterResolved is a free log retrieval operation binding the contract event 0xe1fdf6e9da32b0ff847e9fbead010f5d7a702a2d22cf4a419da448b4f59273d8.
//
// Solidity: event Resolved(bytes32 indexed id, bool outcome, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) FilterResolved(opts *bind.FilterOpts, id [][32]byte) (*PredictionMarketResolvedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Resolved", idRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketResolvedIterator{contract: _PredictionMarket.contract, event: "Resolved", logs: logs, sub: sub}, nil
}

// WatchResolved is a free log subscription operation binding the contract event 0xe1fdf6e9da32b0ff847e9fbead010f5d7a702a2d22cf4a419da448b4f59273d8.
//
// Solidity: event Resolved(bytes32 indexed id, bool outcome, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) WatchResolved(opts *bind.WatchOpts, sink chan<- *PredictionMarketResolved, id [][32]byte) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Resolved", idRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketResolved)
				if err := _PredictionMarket.contract.UnpackLog(event, "Resolved", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseResolved is a log parse operation binding the contract event 0xe1fdf6e9da32b0ff847e9fbead010f5d7a702a2d22cf4a419da448b4f59273d8.
//
// Solidity: event Resolved(bytes32 indexed id, bool outcome, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) ParseResolved(log types.Log) (*PredictionMarketResolved, error) {
	event := new(PredictionMarketResolved)
	if err := _PredictionMarket.contract.UnpackLog(event, "Resolved", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}
