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

// PredictionMarketTerms is an auto generated low-level Go binding around an user-defined struct.
type PredictionMarketTerms struct {
	SourceUrl    string
	Pointer      string
	Comparator   string
	Threshold    string
	ResolveAfter uint64
}

// PredictionMarketMetaData contains all meta data concerning the PredictionMarket contract.
var PredictionMarketMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"registry_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AlreadyResolved\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadValue\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BettingClosed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MarketExists\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoMarket\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotResolved\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToClaim\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UnknownSigner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Bet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"terms\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"indexed\":false,\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"definition\",\"type\":\"tuple\"}],\"name\":\"Created\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"}],\"name\":\"Resolved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"}],\"name\":\"bet\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"create\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"}],\"name\":\"digest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"markets\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"resolved\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"terms\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"yesPool\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"noPool\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"noStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"termsHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"yesStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	Bin: "0x60a0604052348015600e575f5ffd5b506040516112c83803806112c8833981016040819052602b91603b565b6001600160a01b03166080526066565b5f60208284031215604a575f5ffd5b81516001600160a01b0381168114605f575f5ffd5b9392505050565b6080516112436100855f395f81816102020152610b1801526112435ff3fe60806040526004361061008f575f3560e01c80637b103999116100575780637b103999146101f15780638e1664591461023c578063bd66528a1461025b578063d8ec95e61461027a578063f9efcba414610299575f5ffd5b80631ba77131146100935780633b977870146100dc578063633b8f0a146100fb5780637564912b146101105780637a93ae43146101bb575b5f5ffd5b34801561009e575f5ffd5b506100c96100ad366004610daf565b600260209081525f928352604080842090915290825290205481565b6040519081526020015b60405180910390f35b3480156100e7575f5ffd5b506100c96100f6366004610dfe565b6102b8565b61010e610109366004610e51565b610473565b005b34801561011b575f5ffd5b5061017661012a366004610e74565b5f60208190529081526040902080546001820154600283015460039093015460ff8084169461010085048216946201000081049092169363010000009092046001600160401b03169287565b6040805197151588529515156020880152931515948601949094526001600160401b039091166060850152608084015260a083019190915260c082015260e0016100d3565b3480156101c6575f5ffd5b506100c96101d5366004610daf565b600160209081525f928352604080842090915290825290205481565b3480156101fc575f5ffd5b506102247f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100d3565b348015610247575f5ffd5b5061010e610256366004610dfe565b6105c0565b348015610266575f5ffd5b5061010e610275366004610e74565b610728565b348015610285575f5ffd5b506100c9610294366004610e8b565b61092d565b3480156102a4575f5ffd5b5061010e6102b3366004610ec4565b610a40565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fb18ffd20fd599b20a770511d218b9ac4d65d4a8ea9c9990a4a3630be75cde58d918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f90819060c00160408051601f19818403018152918152815160209283012092505f917f3e1872251122cc8888bc065f892a6dd2c9daf70aeeeb1bba96a9b8be1c4ece4291863591870135908701356103986060890189610f5e565b6040516103a6929190610fa7565b6040519081900390206103bf60a08a0160808b01610fd1565b5f8b8152602081815260409182902060010154825191820198909852908101959095526060850193909352608084019190915260a08301526001600160401b031660c082015260e081018790526101008101919091526101200160408051601f1981840301815290829052805160209182012061190160f01b918301919091526022820184905260428201819052915060620160405160208183030381529060405280519060200120925050505b92915050565b5f828152602081905260409020805460ff166104a257604051631e3700c360e21b815260040160405180910390fd5b8054610100900460ff16806104c857508054630100000090046001600160401b03164210155b156104e6576040516330e2a62560e11b815260040160405180910390fd5b81156105375734816002015f8282546104ff9190611005565b90915550505f8381526001602090815260408083203384529091528120805434929061052c908490611005565b9091555061057d9050565b34816003015f82825461054a9190611005565b90915550505f83815260026020908152604080832033845290915281208054349290610577908490611005565b90915550505b604080518315158152346020820152339185917f4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a910160405180910390a3505050565b5f8281526020819052604090205460ff16156105ef57604051638fc6f59b60e01b815260040160405180910390fd5b5f6105f98261092d565b6040805160e081018252600181525f60208201819052918101919091529091506060810161062d60a0850160808601610fd1565b6001600160401b03908116825260208083018590525f60408085018290526060948501829052888252818352908190208551815493870151878401519688015161ffff1990951691151561ff0019169190911761010091151591909102176affffffffffffffffff0000191662010000951515959095026affffffffffffffff000000191694909417630100000092909316919091029190911782556080830151600183015560a0830151600283015560c0909201516003909101555183907fc2c679d1ddc6b67f9d82542bbb0ce24b17db6832fb35e3a7ccc41b035c15fdfc9061071b9084908690611081565b60405180910390a2505050565b5f8181526020819052604090208054610100900460ff1661075c57604051639f4a648960e01b815260040160405180910390fd5b5f828152600160209081526040808320338085529083528184205486855260028452828520918552925282205483549192909162010000900460ff166107a65783600301546107ac565b83600201545b90505f815f036107c7576107c08385611005565b905061080f565b84545f9062010000900460ff166107de57836107e0565b845b905082866003015487600201546107f79190611005565b610801908361114b565b61080b9190611162565b9150505b5f86815260016020908152604080832033808552908352818420849055898452600283528184209084529091528120819055819003610861576040516312d37ee560e31b815260040160405180910390fd5b604051818152339087907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9060200160405180910390a36040515f90339083908381818185875af1925050503d805f81146108d7576040519150601f19603f3d011682016040523d82523d5f602084013e6108dc565b606091505b50509050806109245760405162461bcd60e51b815260206004820152600f60248201526e1d1c985b9cd9995c8819985a5b1959608a1b60448201526064015b60405180910390fd5b50505050505050565b5f7f565a6ba158c3cb19fadc63c6fad927120ec1c6672d20d01f0ecd0217cfba6c1d6109598380610f5e565b604051610967929190610fa7565b60405190819003902061097d6020850185610f5e565b60405161098b929190610fa7565b60405180910390208480604001906109a39190610f5e565b6040516109b1929190610fa7565b6040519081900390206109c76060870187610f5e565b6040516109d5929190610fa7565b6040519081900390206109ee60a0880160808901610fd1565b6040805160208101979097528601949094526060850192909252608084015260a08301526001600160401b031660c082015260e001604051602081830303815290604052805190602001209050919050565b5f848152602081905260409020805460ff16610a6f57604051631e3700c360e21b815260040160405180910390fd5b8054610100900460ff1615610a97576040516336ab81e160e11b815260040160405180910390fd5b8054630100000090046001600160401b0316610ab960a0860160808701610fd1565b6001600160401b03161015610ae15760405163085de62560e01b815260040160405180910390fd5b5f610af6610aef87876102b8565b8585610c9f565b604051637df73e2760e01b81526001600160a01b0380831660048301529192507f000000000000000000000000000000000000000000000000000000000000000090911690637df73e2790602401602060405180830381865afa158015610b5f573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610b839190611181565b610bab57604051636bf4516160e11b81526001600160a01b038216600482015260240161091b565b610bb86060860186610f5e565b9050602014610bda57604051630bba69fb60e01b815260040160405180910390fd5b5f610be86060870187610f5e565b610bf19161119c565b90506001811115610c1557604051630bba69fb60e01b815260040160405180910390fd5b82546201000060018314810262ffff00199092169190911761010017808555604080518a937fe1fdf6e9da32b0ff847e9fbead010f5d7a702a2d22cf4a419da448b4f59273d893610c8e9391900460ff169187918c01359092151583526001600160a01b03919091166020830152604082015260600190565b60405180910390a250505050505050565b5f60418214610cc157604051635cd5d23360e01b815260040160405180910390fd5b5f83836040818110610cd557610cd56111b9565b919091013560f81c915050601b811015610cf757610cf4601b826111cd565b90505b60018582610d0860205f888a6111e6565b610d119161119c565b610d1f60406020898b6111e6565b610d289161119c565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa158015610d73573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b038216610da757604051635cd5d23360e01b815260040160405180910390fd5b509392505050565b5f5f60408385031215610dc0575f5ffd5b8235915060208301356001600160a01b0381168114610ddd575f5ffd5b809150509250929050565b5f60a08284031215610df8575f5ffd5b50919050565b5f5f60408385031215610e0f575f5ffd5b8235915060208301356001600160401b03811115610e2b575f5ffd5b610e3785828601610de8565b9150509250929050565b8015158114610e4e575f5ffd5b50565b5f5f60408385031215610e62575f5ffd5b823591506020830135610ddd81610e41565b5f60208284031215610e84575f5ffd5b5035919050565b5f60208284031215610e9b575f5ffd5b81356001600160401b03811115610eb0575f5ffd5b610ebc84828501610de8565b949350505050565b5f5f5f5f60608587031215610ed7575f5ffd5b8435935060208501356001600160401b03811115610ef3575f5ffd5b610eff87828801610de8565b93505060408501356001600160401b03811115610f1a575f5ffd5b8501601f81018713610f2a575f5ffd5b80356001600160401b03811115610f3f575f5ffd5b876020828401011115610f50575f5ffd5b949793965060200194505050565b5f5f8335601e19843603018112610f73575f5ffd5b8301803591506001600160401b03821115610f8c575f5ffd5b602001915036819003821315610fa0575f5ffd5b9250929050565b818382375f9101908152919050565b80356001600160401b0381168114610fcc575f5ffd5b919050565b5f60208284031215610fe1575f5ffd5b610fea82610fb6565b9392505050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561046d5761046d610ff1565b5f5f8335601e1984360301811261102d575f5ffd5b83016020810192503590506001600160401b0381111561104b575f5ffd5b803603821315610fa0575f5ffd5b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b828152604060208201525f6110968384611018565b60a060408501526110ab60e085018284611059565b9150506110bb6020850185611018565b848303603f190160608601526110d2838284611059565b925050506110e36040850185611018565b848303603f190160808601526110fa838284611059565b9250505061110b6060850185611018565b848303603f190160a0860152611122838284611059565b925050506001600160401b0361113a60808601610fb6565b1660c0840152809150509392505050565b808202811582820484141761046d5761046d610ff1565b5f8261117c57634e487b7160e01b5f52601260045260245ffd5b500490565b5f60208284031215611191575f5ffd5b8151610fea81610e41565b8035602083101561046d575f19602084900360031b1b1692915050565b634e487b7160e01b5f52603260045260245ffd5b60ff818116838216019081111561046d5761046d610ff1565b5f5f858511156111f4575f5ffd5b83861115611200575f5ffd5b505082019391909203915056fea264697066735822122046150b7fcbe4864716ebde2b4cdc4f5b7aedb257217e66c48788efcf4120e5f964736f6c634300081c0033",
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
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, bytes32 terms, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketCaller) Markets(opts *bind.CallOpts, arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	Terms        [32]byte
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
		Terms        [32]byte
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
	outstruct.Terms = *abi.ConvertType(out[4], new([32]byte)).(*[32]byte)
	outstruct.YesPool = *abi.ConvertType(out[5], new(*big.Int)).(**big.Int)
	outstruct.NoPool = *abi.ConvertType(out[6], new(*big.Int)).(**big.Int)

	return *outstruct, err

}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, bytes32 terms, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	Terms        [32]byte
	YesPool      *big.Int
	NoPool       *big.Int
}, error) {
	return _PredictionMarket.Contract.Markets(&_PredictionMarket.CallOpts, arg0)
}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, bool resolved, bool outcome, uint64 resolveAfter, bytes32 terms, uint256 yesPool, uint256 noPool)
func (_PredictionMarket *PredictionMarketCallerSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	Resolved     bool
	Outcome      bool
	ResolveAfter uint64
	Terms        [32]byte
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

// TermsHash is a free data retrieval call binding the contract method 0xd8ec95e6.
//
// Solidity: function termsHash((string,string,string,string,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketCaller) TermsHash(opts *bind.CallOpts, t PredictionMarketTerms) ([32]byte, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "termsHash", t)

	if err != nil {
		return *new([32]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)

	return out0, err

}

// TermsHash is a free data retrieval call binding the contract method 0xd8ec95e6.
//
// Solidity: function termsHash((string,string,string,string,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketSession) TermsHash(t PredictionMarketTerms) ([32]byte, error) {
	return _PredictionMarket.Contract.TermsHash(&_PredictionMarket.CallOpts, t)
}

// TermsHash is a free data retrieval call binding the contract method 0xd8ec95e6.
//
// Solidity: function termsHash((string,string,string,string,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketCallerSession) TermsHash(t PredictionMarketTerms) ([32]byte, error) {
	return _PredictionMarket.Contract.TermsHash(&_PredictionMarket.CallOpts, t)
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

// Create is a paid mutator transaction binding the contract method 0x8e166459.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64) t) returns()
func (_PredictionMarket *PredictionMarketTransactor) Create(opts *bind.TransactOpts, id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "create", id, t)
}

// Create is a paid mutator transaction binding the contract method 0x8e166459.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64) t) returns()
func (_PredictionMarket *PredictionMarketSession) Create(id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, t)
}

// Create is a paid mutator transaction binding the contract method 0x8e166459.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64) t) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Create(id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, t)
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
	Id         [32]byte
	Terms      [32]byte
	Definition PredictionMarketTerms
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterCreated is a free log retrieval operation binding the contract event 0xc2c679d1ddc6b67f9d82542bbb0ce24b17db6832fb35e3a7ccc41b035c15fdfc.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64) definition)
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

// WatchCreated is a free log subscription operation binding the contract event 0xc2c679d1ddc6b67f9d82542bbb0ce24b17db6832fb35e3a7ccc41b035c15fdfc.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64) definition)
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

// ParseCreated is a log parse operation binding the contract event 0xc2c679d1ddc6b67f9d82542bbb0ce24b17db6832fb35e3a7ccc41b035c15fdfc.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64) definition)
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
